"""moto server that handles one request at a time, and copies a table once per transaction.

moto's DynamoDB rolls a cancelled transaction back by restoring a copy of the whole table,
without a lock; with concurrent requests that restore can erase another request's committed
write. DynamoDB itself serialises transactions, so serving requests one at a time keeps the
emulator faithful while the callers still race each other between their calls.

moto 5.2 also takes that copy once per *item* of a transaction (every item naming the table
deep-copies it again, before any item is applied, so all the copies are equal). With an event
in every change's transaction that was most of the integration suite's time. Here a table is
copied once per transaction and the copy reused for its other items: the same backup, taken once.

moto also records every model instance it ever made, for its dashboard (/moto-api/data.json),
and that record kept each transaction's copy of the table: with an event in every download
link, a bench or load run took moto past 20 GB, and every read of the dashboard serialised it
all. DynamoDB's models are left out of that record; callers read only mail there.

One request at a time does not mean one connection at a time: each connection has a thread
of its own and waits for a lock only once its request has arrived. On a single thread, a
connection that sends nothing held the server until its client dropped it, and browsers open
such spare sockets to the bucket (a document opened in a new tab): a CI run's whole stack
stood still for 15 s behind one.
"""

import copy
import sys
import threading

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import WSGIRequestHandler, run_simple


class _TableCopiedOncePerTransaction:
    """Stands in for the `copy` module inside moto's DynamoDB backend."""

    def __init__(self) -> None:
        self.backups: dict[int, Table] | None = None

    def deepcopy(self, value, memo=None):
        if self.backups is None or not isinstance(value, Table):
            return copy.deepcopy(value, memo)
        if id(value) not in self.backups:
            self.backups[id(value)] = copy.deepcopy(value, memo)
        return self.backups[id(value)]

    def __getattr__(self, name):
        return getattr(copy, name)


def copy_each_table_once_per_transaction() -> None:
    shim = _TableCopiedOncePerTransaction()
    dynamodb_models.copy = shim
    transact = DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        shim.backups = {}
        try:
            return transact(self, transact_items)
        finally:
            shim.backups = None

    DynamoDBBackend.transact_write_items = transact_write_items


class _Untracked(list):
    """An instance record that keeps nothing."""

    def append(self, instance) -> None:
        pass


def stop_recording_dynamodb_instances() -> None:
    from moto.core.model_instances import model_data

    for model in model_data["dynamodb"].values():
        model.instances_tracked = _Untracked()


class _OneRequestAtATime:
    """Runs the app for one request at a time, its answer read whole before the next."""

    def __init__(self, app) -> None:
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            answer = self.app(environ, start_response)
            try:
                body = b"".join(answer)
            finally:
                if hasattr(answer, "close"):
                    answer.close()
        return [body]


class _Http10Handler(WSGIRequestHandler):
    """Answers as the single-threaded server did: HTTP/1.0, never chunked (threads would
    otherwise switch werkzeug to HTTP/1.1)."""

    protocol_version = "HTTP/1.0"


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    copy_each_table_once_per_transaction()
    stop_recording_dynamodb_instances()
    app = _OneRequestAtATime(DomainDispatcherApplication(create_backend_app))
    run_simple(
        host, port, app, threaded=True, use_reloader=False, request_handler=_Http10Handler
    )


if __name__ == "__main__":
    main()
