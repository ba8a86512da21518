"""moto server that handles one request at a time, and runs transactions without copying tables.

moto's DynamoDB rolls a cancelled transaction back by restoring a copy of the whole table,
without a lock; with concurrent requests that restore can erase another request's committed
write. DynamoDB itself serialises transactions, so serving requests one at a time keeps the
emulator faithful while the callers still race each other between their calls.

moto 5.2 also deep-copies the whole table for *every item* of every transaction, before any
item is applied: with an event in every change's transaction, that copy was most of the local
stack's time, growing with the table. Here a transaction is run as DynamoDB describes it:
every item's condition is checked against the state before the transaction, and only when all
hold are the writes applied, after a copy of just the items they touch; should a write fail
(a malformed update), those items are put back. No table is copied.

moto also records every model instance it ever made, for its dashboard (/moto-api/data.json),
and that record kept each transaction's copy of the table: with an event in every download
link, a bench or load run took moto past 20 GB, and every read of the dashboard serialised it
all. DynamoDB's models are left out of that record; callers read only mail there.

moto answers every Query by sorting every item of the table and then keeping the partition's:
a contact's page of documents took 120 ms with 1,000 items in the table and 1.6 s with
100,000. Here each table keeps its items by partition for every index as writes happen (a
put, an update, a delete, in a transaction or not), and a Query hands moto only the queried
partition's items, which moto then filters, sorts and pages as before.

moto 5.2 writes every answer through a serializer driven by the service's model, member by
member: a page of 50 items took 60 to 100 ms to write, most of a portal page's time. The item
operations' answers are already DynamoDB's JSON (items as moto keeps them), so they are written
with json.dumps, null members left out and binary in base64 as the protocol has them; the
integration suite's answers were compared both ways and matched, DeleteItem aside (moto's
answer has a member the model lacks, which its writer drops), which keeps moto's writer.

moto keeps an email's HTML part as its body when it has both; the text part is kept as the
body here and the HTML beside it (the mail page's `html`).

moto 5.2 names the root of its CompleteMultipartUpload answer `CompleteMultipartUploadResponse`
where S3 writes `CompleteMultipartUploadResult`, and the SDK refuses it: the zips, written in
parts, could never finish. The answer's root is renamed, nothing else.

Mail is read at `/_local/mail?limit=N&offset=K`: the messages SES accepted, newest first, a
page at a time, straight from the SES backend. The dashboard dump (`/moto-api/data.json`)
serialised the whole emulator's state for that (15 MB, seconds, after a day of use) while every
other request waited; SES's messages are left out of it too now.

Only this machine's pages may call it: a request naming another host (a page elsewhere that
rebinds its DNS name to 127.0.0.1) is refused, and so is one a browser sent from another
origin than the local page's (`LOCAL_PAGE_ORIGINS`, space-separated; the SDKs send none), since
moto answers every origin with CORS and accepts any credentials: any web page the developer
opened could otherwise read the emulator's tables and mail.

One request at a time does not mean one connection at a time: each connection has a thread
of its own and waits for a lock only once its request has arrived. On a single thread, a
connection that sends nothing held the server until its client dropped it, and browsers open
such spare sockets to the bucket (a document opened in a new tab): a CI run's whole stack
stood still for 15 s behind one.
"""

import base64
import copy
import json
import sys
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import WSGIRequestHandler, run_simple


def _item_key(table, key_or_item: dict) -> dict:
    """The key attributes of an item (or a key), as moto's get_item takes them."""
    key = {table.hash_key_attr: key_or_item[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = key_or_item[table.range_key_attr]
    return key


def transact_write_items(self, transact_items):
    """DynamoDBBackend.transact_write_items: check every item, then write every item."""
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MockValidationException,
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )
    from moto.dynamodb.comparisons import get_filter_expression

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    seen = set()
    planned = []  # (op_type, op, table_name, key)
    errors = []
    for item in transact_items:
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        original_item = None
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            table = self.get_table(table_name)
            key = _item_key(table, op["Item"]) if op_type == "Put" else op["Key"]
            unique = (str(table_name), str(dict(sorted(key.items()))))
            if unique in seen:
                raise MultipleTransactionsException()
            seen.add(unique)
            current = self.get_item(table_name, key)
            condition = op.get("ConditionExpression")
            if condition is not None:
                check = get_filter_expression(
                    condition,
                    op.get("ExpressionAttributeNames"),
                    op.get("ExpressionAttributeValues"),
                )
                if not check.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)
            planned.append((op_type, op, table_name, key))
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: E722 as moto reports any other failure of an item
            errors.append((type(e).__name__, str(e), original_item))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)

    # Every condition held: a copy of just the touched items, then the writes.
    before = []
    for op_type, _, table_name, key in planned:
        if op_type != "ConditionCheck":
            current = self.get_item(table_name, key)
            before.append((table_name, key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
    try:
        for op_type, op, table_name, key in planned:
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "Put":
                self.put_item(table_name, op["Item"], expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Delete":
                self.delete_item(table_name, key, expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Update":
                self.update_item(
                    table_name,
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
    except Exception as e:  # noqa: E722 a write refused after the checks: undo the others
        for table_name, key, attributes in reversed(before):
            if attributes is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, attributes)
        failed = [(None, None, None)] * len(transact_items)
        failed[0] = (type(e).__name__, str(e), None)
        raise TransactionCanceledException(failed)


def run_transactions_without_table_copies() -> None:
    DynamoDBBackend.transact_write_items = transact_write_items


def _stored_key(item) -> tuple:
    """An item's primary key as a plain, hashable value."""
    range_key = item.range_key
    return (
        item.hash_key.type,
        str(item.hash_key.value),
        range_key.type if range_key is not None else None,
        str(range_key.value) if range_key is not None else None,
    )


class _Partitions:
    """One table's items by partition value, for each index with one partition attribute,
    kept current by the writes (see `keep_partitions`)."""

    def __init__(self, table, every_item) -> None:
        self.attribute = {}
        for index in table.all_indexes():
            hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
            if len(hashes) == 1:
                self.attribute[index.name] = hashes[0]
        self.items = {name: {} for name in self.attribute}
        self.placed = {}
        for item in every_item:
            self.place(item)

    def remove(self, key) -> None:
        for index, value in self.placed.pop(key, ()):
            partition = self.items[index].get(value)
            if partition is not None:
                partition.pop(key, None)
                if not partition:
                    del self.items[index][value]

    def place(self, item) -> None:
        key = _stored_key(item)
        self.remove(key)
        placed = []
        for index, attribute in self.attribute.items():
            value = item.attrs.get(attribute)
            if value is None:
                continue
            value = (value.type, str(value.value))
            self.items[index].setdefault(value, {})[key] = item
            placed.append((index, value))
        if placed:
            self.placed[key] = placed

    def partition(self, index_name, conditions):
        """The items of the queried partition, or None when this query is not one to help."""
        attribute = self.attribute.get(index_name)
        if attribute is None or len(conditions or []) != 1 or conditions[0][0] != attribute:
            return None
        value = conditions[0][1]
        return list(self.items[index_name].get((value.type, str(value.value)), {}).values())


def keep_partitions() -> None:
    """Queries read their partition's items only (see the module's notes)."""
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    plain_put, plain_delete, plain_query = Table.put_item, Table.delete_item, Table.query
    plain_all_items, plain_update = Table.all_items, DynamoDBBackend.update_item

    def partitions(table):
        kept = getattr(table, "_local_partitions", None)
        if kept is None:
            kept = table._local_partitions = _Partitions(table, plain_all_items(table))
        return kept

    def put_item(self, *args, **kwargs):
        item = plain_put(self, *args, **kwargs)
        kept = getattr(self, "_local_partitions", None)
        if kept is not None and item is not None:
            kept.place(item)
        return item

    def delete_item(self, hash_key, range_key):
        item = plain_delete(self, hash_key, range_key)
        kept = getattr(self, "_local_partitions", None)
        if kept is not None and item is not None:
            kept.remove(_stored_key(item))
        return item

    def update_item(self, table_name, key, *args, **kwargs):
        # moto changes an existing item in place: its partitions are read again after.
        try:
            return plain_update(self, table_name, key, *args, **kwargs)
        finally:
            table = self.get_table(table_name)
            kept = getattr(table, "_local_partitions", None)
            if kept is not None:
                hash_value = DynamoType(key[table.hash_key_attr])
                range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
                item = table.get_item(hash_value, range_value)
                if item is not None:
                    kept.place(item)

    def query(self, hash_key, *args, **kwargs):
        # moto's backend passes the index's name as the 8th argument, its conditions by name.
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name is None:
            stored = self.items.get(hash_key) if hash_key is not None else None
            if isinstance(stored, dict):
                candidates = list(stored.values())
            else:
                candidates = [] if stored is None else [stored]
        else:
            candidates = partitions(self).partition(index_name, kwargs.get("hash_key_conditions"))
        self._local_candidates = candidates
        try:
            return plain_query(self, hash_key, *args, **kwargs)
        finally:
            self._local_candidates = None

    def all_items(self):
        candidates = getattr(self, "_local_candidates", None)
        if candidates is None:
            return plain_all_items(self)
        return sorted(candidates, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)

    Table.put_item, Table.delete_item, Table.query, Table.all_items = put_item, delete_item, query, all_items
    DynamoDBBackend.update_item = update_item


# The item operations, whose answers are items and keys already in DynamoDB's JSON form.
# (DeleteItem's answer carries a member the protocol leaves out: moto's own writer drops it.)
_ITEM_ACTIONS = frozenset(
    (
        "BatchGetItem", "BatchWriteItem", "GetItem", "PutItem", "Query", "Scan",
        "TransactGetItems", "TransactWriteItems", "UpdateItem",
    )
)


def _wire(value):
    """A result as DynamoDB's JSON protocol writes it: no null members, binary in base64."""
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_wire(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if hasattr(value, "to_json"):
        return _wire(value.to_json())
    return value


def serialize_item_answers_as_json() -> None:
    """The item operations' answers are written with json.dumps (see the module's notes)."""
    from moto.dynamodb.responses import DynamoHandler

    plain = DynamoHandler.serialized

    def serialized(self, action_result):
        result = action_result.result
        if not isinstance(result, dict) or self._get_action() not in _ITEM_ACTIONS:
            return plain(self, action_result)
        headers = {"Content-Type": "application/x-amz-json-1.0"}
        headers.update(self.response_headers)
        body = json.dumps(_wire(result))
        return 200, headers, body

    DynamoHandler.serialized = serialized


def name_complete_multipart_answers_as_s3() -> None:
    """The CompleteMultipartUpload answer's root as S3 names it (see the module's notes)."""
    from moto.s3.responses import S3Response

    plain = S3Response._key_response_post

    def key_response_post(self, request, body, bucket_name, query, key_name):
        status, headers, answer = plain(self, request, body, bucket_name, query, key_name)
        if "uploadId" in query and isinstance(answer, (str, bytes)):
            wrong, right = "CompleteMultipartUploadResponse", "CompleteMultipartUploadResult"
            if isinstance(answer, bytes):
                wrong, right = wrong.encode(), right.encode()
            answer = answer.replace(wrong, right)
        return status, headers, answer

    S3Response._key_response_post = key_response_post


def keep_both_parts_of_simple_mail() -> None:
    """moto keeps only the HTML of a message that has both parts, as its body; callers read
    the text part (what the tests and the mail page show), so keep that as the body and the
    HTML beside it (`html` in the mail page's items)."""
    from moto.sesv2.responses import SESV2Response

    plain = SESV2Response.send_email

    def send_email(self) -> str:
        params = json.loads(self.body)
        simple = (params.get("Content") or {}).get("Simple") or {}
        parts = simple.get("Body") or {}
        if "Html" not in parts or "Text" not in parts:
            return plain(self)
        message = self.sesv2_backend.send_email(
            source=params.get("FromEmailAddress"),
            destinations=params.get("Destination", {}),
            subject=simple["Subject"]["Data"],
            body=parts["Text"]["Data"],
        )
        message.html = parts["Html"]["Data"]
        return json.dumps({"MessageId": message.id})

    SESV2Response.send_email = send_email


def list_moto_modules_once() -> None:
    """moto finds the backend of every request by listing its own package's folders, twice:
    about 360 file system calls a request. The package does not change while it runs."""
    from moto import backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: iter(modules)


class _Untracked(list):
    """An instance record that keeps nothing."""

    def append(self, instance) -> None:
        pass


def stop_recording_dynamodb_and_ses_instances() -> None:
    import moto.ses.models  # noqa: F401 (their models are registered on import)
    from moto.core.model_instances import model_data

    for service in ("dynamodb", "ses"):
        for model in model_data.get(service, {}).values():
            model.instances_tracked = _Untracked()


MAIL_PATH = "/_local/mail"
MAIL_PAGE_MAX = 200


def sent_mail(query: str) -> dict:
    """The page of sent messages a query asks for: `limit` (at most 200) newest first,
    after skipping `offset` newer ones."""
    from urllib.parse import parse_qs

    from moto.ses.models import ses_backends

    params = parse_qs(query)

    def number(name: str, default: int) -> int:
        try:
            return max(0, int(params.get(name, [default])[0]))
        except ValueError:
            return default

    limit = min(number("limit", 50), MAIL_PAGE_MAX)
    offset = number("offset", 0)
    messages = []
    for regions in ses_backends.values():
        for backend in regions.values():
            messages.extend(backend.sent_messages)
    newest_first = messages[::-1][offset : offset + limit]
    items = [
        {
            "id": getattr(m, "id", ""),
            "source": getattr(m, "source", ""),
            "to": (getattr(m, "destinations", {}) or {}).get("ToAddresses", []),
            "cc": (getattr(m, "destinations", {}) or {}).get("CcAddresses", []),
            "bcc": (getattr(m, "destinations", {}) or {}).get("BccAddresses", []),
            "subject": getattr(m, "subject", ""),
            "body": getattr(m, "body", ""),
            "html": getattr(m, "html", ""),
        }
        for m in newest_first
    ]
    return {"total": len(messages), "offset": offset, "items": items}


LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}


def refusal(environ) -> str | None:
    """Why a request may not reach the emulator (its status line), or None."""
    import os

    host = environ.get("HTTP_HOST", "").lower()
    hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if hostname not in LOCAL_HOSTS:
        return "421 Misdirected Request"
    origin = environ.get("HTTP_ORIGIN")
    if origin is not None and origin not in os.environ.get("LOCAL_PAGE_ORIGINS", "").split():
        return "403 Forbidden"
    return None


class _OneRequestAtATime:
    """Runs the app for one request at a time, its answer read whole before the next."""

    def __init__(self, app) -> None:
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        refused = refusal(environ)
        if refused:
            body = b"refused: only this machine's local page may call the emulator"
            start_response(refused, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]
        with self.lock:
            if environ.get("PATH_INFO") == MAIL_PATH:
                body = json.dumps(sent_mail(environ.get("QUERY_STRING", ""))).encode()
                start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
                return [body]
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
    run_transactions_without_table_copies()
    keep_partitions()
    serialize_item_answers_as_json()
    name_complete_multipart_answers_as_s3()
    keep_both_parts_of_simple_mail()
    list_moto_modules_once()
    stop_recording_dynamodb_and_ses_instances()
    app = _OneRequestAtATime(DomainDispatcherApplication(create_backend_app))
    run_simple(
        host, port, app, threaded=True, use_reloader=False, request_handler=_Http10Handler
    )


if __name__ == "__main__":
    main()
