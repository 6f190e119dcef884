#!/usr/bin/env python3
"""Reads TensorBoard event files the way TensorBoard does, sharing no code
with ag::summary's writer: its own schema (the field numbers TensorFlow
documents for Event, Summary, TensorProto; compiled by protoc into a
temporary directory), CRC-32C from crcmod, struct for the framing.

  read_events.py LOGDIR --expect-log FILE --pattern REGEX [--tag loss]
      The newest events file in LOGDIR must be valid (name, framing, CRCs,
      a first brain.Event:2 record, scalars as rank-0 DT_FLOAT tensors with
      the "scalars" plugin); its scalars (step, value) must equal the
      (step, value) pairs REGEX finds in FILE, within 5e-5.
  read_events.py LOGDIR --bad-inputs
      A truncated copy, a copy with a corrupted data CRC and a foreign file
      must each be rejected with an error that says what is wrong.
Needs Debian's python3-protobuf, python3-crcmod and protobuf-compiler."""
import argparse
import importlib
import os
import re
import struct
import subprocess
import sys
import tempfile

import crcmod.predefined

SCHEMA = """
syntax = "proto3";
package reader;
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what { string file_version = 3; Summary summary = 5; }
}
message Summary {
  message Value {
    string tag = 1;
    oneof value { float simple_value = 2; TensorProto tensor = 8; }
    SummaryMetadata metadata = 9;
  }
  repeated Value value = 1;
}
message SummaryMetadata {
  message PluginData { string plugin_name = 1; bytes content = 2; }
  PluginData plugin_data = 1;
  string summary_description = 3;
}
message TensorShapeProto { message Dim { int64 size = 1; } repeated Dim dim = 2; }
message TensorProto {
  int32 dtype = 1;
  TensorShapeProto tensor_shape = 2;
  bytes tensor_content = 4;
  repeated float float_val = 5;
}
"""

crc32c = crcmod.predefined.mkCrcFun("crc-32c")


class EventFileError(Exception):
    pass


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def schema_module(workdir):
    with open(os.path.join(workdir, "reader_events.proto"), "w") as f:
        f.write(SCHEMA)
    subprocess.run(["protoc", "-I", workdir, "--python_out", workdir,
                    os.path.join(workdir, "reader_events.proto")], check=True)
    sys.path.insert(0, workdir)
    return importlib.import_module("reader_events_pb2")


def records(path):
    data = open(path, "rb").read()
    offset = 0
    while offset < len(data):
        if len(data) - offset < 12:
            raise EventFileError(f"{path}: truncated record header at byte {offset}")
        header = data[offset:offset + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[offset + 8:offset + 12])
        if masked(header) != length_crc:
            raise EventFileError(f"{path}: bad length CRC at byte {offset}")
        end = offset + 12 + length
        if end + 4 > len(data):
            raise EventFileError(f"{path}: truncated record at byte {offset}")
        payload = data[offset + 12:end]
        (data_crc,) = struct.unpack("<I", data[end:end + 4])
        if masked(payload) != data_crc:
            raise EventFileError(f"{path}: bad data CRC at byte {offset}")
        yield payload
        offset = end + 4


def read_scalars(path, pb):
    if "tfevents" not in os.path.basename(path):
        raise EventFileError(f"{path}: not an event file name")
    events = []
    for payload in records(path):
        event = pb.Event()
        event.ParseFromString(payload)
        events.append(event)
    if not events or events[0].file_version != "brain.Event:2":
        raise EventFileError(f"{path}: the first record is not brain.Event:2")
    scalars = []
    for event in events[1:]:
        for value in event.summary.value:
            plugin = value.metadata.plugin_data.plugin_name
            if plugin != "scalars":
                continue
            tensor = value.tensor
            if tensor.dtype != 1 or len(tensor.tensor_shape.dim) != 0 or \
                    len(tensor.tensor_content) != 4:
                raise EventFileError(f"{path}: scalar {value.tag} is not a rank-0 DT_FLOAT")
            (number,) = struct.unpack("<f", tensor.tensor_content)
            scalars.append((value.tag, event.step, number))
    return scalars


def newest_event_file(logdir):
    files = [os.path.join(logdir, f) for f in os.listdir(logdir) if "tfevents" in f]
    if not files:
        raise EventFileError(f"{logdir}: no event file")
    return max(files, key=os.path.getmtime)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("logdir")
    parser.add_argument("--expect-log")
    parser.add_argument("--pattern")
    parser.add_argument("--tag", default="loss")
    parser.add_argument("--bad-inputs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        pb = schema_module(workdir)
        path = newest_event_file(args.logdir)
        if args.bad_inputs:
            good = open(path, "rb").read()
            cases = {
                "truncated": (good[:-3], "truncated record"),
                "badcrc": (good[:-1] + bytes([good[-1] ^ 0xFF]), "bad data CRC"),
                "foreign": (b"PK\x03\x04 not an event file at all", "bad length CRC"),
            }
            for name, (content, expected) in cases.items():
                copy = os.path.join(workdir, f"events.out.tfevents.{name}")
                open(copy, "wb").write(content)
                try:
                    read_scalars(copy, pb)
                except EventFileError as error:
                    if expected not in str(error):
                        sys.exit(f"{name}: wrong error: {error}")
                    print(f"{name}: rejected ({error})")
                    continue
                sys.exit(f"{name}: read without an error")
            return
        got = [(step, value) for tag, step, value in read_scalars(path, pb) if tag == args.tag]
        text = open(args.expect_log).read()
        want = [(int(s), float(v)) for s, v in re.findall(args.pattern, text)]
        if len(got) != len(want) or any(gs != ws or abs(gv - wv) > 5e-5
                                        for (gs, gv), (ws, wv) in zip(got, want)):
            sys.exit(f"{path}: scalars {got}, expected {want}")
        print(f"{path}: {len(got)} '{args.tag}' scalars as expected")


if __name__ == "__main__":
    try:
        main()
    except EventFileError as error:
        sys.exit(str(error))
