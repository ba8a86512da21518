"""moto server that handles one request at a time.

moto's DynamoDB rolls a cancelled transaction back by restoring a copy of the whole table,
without a lock; with concurrent requests that restore can erase another request's committed
write. DynamoDB itself serialises transactions, so serving requests one at a time keeps the
emulator faithful while the callers still race each other between their calls.
"""

import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(host, port, app, threaded=False, use_reloader=False)


if __name__ == "__main__":
    main()
