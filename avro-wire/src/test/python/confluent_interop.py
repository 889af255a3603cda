#!/usr/bin/python3
"""Confluent's own Python client on the other end of tickpipe's wire format.

Run with Debian's /usr/bin/python3 (python3-confluent-kafka, python3-avro). Keys are plain UTF-8
strings and values Confluent-framed Avro, as on tickpipe's topics, so the value side goes through
confluent_kafka's MessageSerializer over its CachedSchemaRegistryClient.

  consume --bootstrap B --registry R --topic T --count N   prints each value as one JSON line
  produce --bootstrap B --registry R --topic T --schema F  reads JSON lines on stdin, produces them
Timestamps travel as integer microseconds since the epoch in the JSON lines.
"""
import argparse
import datetime
import json
import sys

import avro.schema
from confluent_kafka import Consumer, Producer
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def to_json(value):
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // datetime.timedelta(microseconds=1)
    raise TypeError(f"cannot put {type(value)} into JSON")


def timestamp_fields(schema):
    return {f.name for f in schema.fields if getattr(f.type, "logical_type", None) in ("timestamp-micros", "timestamp-millis")}


def consume(args, serializer):
    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": "confluent-interop-" + args.topic,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([args.topic])
    seen = 0
    idle = 0
    try:
        while seen < args.count and idle < 60:
            message = consumer.poll(1.0)
            if message is None:
                idle += 1
                continue
            if message.error():
                raise SystemExit(f"consume error: {message.error()}")
            idle = 0
            value = serializer.decode_message(message.value())
            print(json.dumps({"key": message.key().decode("utf-8"), "partition": message.partition(),
                              "offset": message.offset(), "value": value}, default=to_json), flush=True)
            seen += 1
    finally:
        consumer.close()
    if seen < args.count:
        raise SystemExit(f"only {seen} of {args.count} records arrived on {args.topic}")


def produce(args, serializer):
    with open(args.schema) as f:
        schema = avro.schema.parse(f.read())
    timestamps = timestamp_fields(schema)
    producer = Producer({"bootstrap.servers": args.bootstrap, "acks": "all"})
    failures = []
    for line in sys.stdin:
        if not line.strip():
            continue
        item = json.loads(line)
        value = item["value"]
        for name in timestamps:
            value[name] = EPOCH + datetime.timedelta(microseconds=value[name])
        payload = serializer.encode_record_with_schema(args.topic, schema, value, is_key=False)
        producer.produce(args.topic, key=item["key"].encode("utf-8"), value=payload,
                         on_delivery=lambda err, msg: err and failures.append(str(err)))
    producer.flush(30)
    if failures:
        raise SystemExit(f"{len(failures)} records failed: {failures[0]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["consume", "produce"])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--schema")
    args = parser.parse_args()
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": args.registry}))
    if args.command == "consume":
        consume(args, serializer)
    else:
        produce(args, serializer)


if __name__ == "__main__":
    main()
