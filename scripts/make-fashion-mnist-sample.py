#!/usr/bin/env python3
"""Write the small Fashion-MNIST sample that twice's tests and examples use.

Reads the full Fashion-MNIST IDX files that Debian's dataset-fashion-mnist
package installs, keeps the first training and test examples, and writes them
as gzipped IDX files under the standard names. The gzip header carries no
time stamp and no file name, so running this again gives byte-identical files.

Usage: scripts/make-fashion-mnist-sample.py [SOURCE_DIR] [TARGET_DIR]
"""

import gzip
import pathlib
import struct
import sys

SOURCE = pathlib.Path("/usr/share/datasets/fashion-mnist")
TARGET = pathlib.Path(__file__).resolve().parent.parent / "data" / "fashion-mnist-sample"
TRAIN_COUNT = 10000
TEST_COUNT = 2000
FILES = [
    ("train-images-idx3-ubyte", TRAIN_COUNT),
    ("train-labels-idx1-ubyte", TRAIN_COUNT),
    ("t10k-images-idx3-ubyte", TEST_COUNT),
    ("t10k-labels-idx1-ubyte", TEST_COUNT),
]


def read_idx(path):
    """Return (dimensions, body) of an IDX file of unsigned bytes, gzipped or not."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zero, kind, rank = struct.unpack(">HBB", raw[:4])
    if zero != 0 or kind != 0x08:
        sys.exit(f"{path}: not an IDX file of unsigned bytes")
    dims = list(struct.unpack(f">{rank}I", raw[4 : 4 + 4 * rank]))
    return dims, raw[4 + 4 * rank :]


def head(dims, body, count):
    """The first count examples as a complete IDX file."""
    if dims[0] < count:
        sys.exit(f"only {dims[0]} examples, {count} wanted")
    per_example = len(body) // dims[0]
    kept = [count] + dims[1:]
    header = struct.pack(f">HBB{len(kept)}I", 0, 0x08, len(kept), *kept)
    return header + body[: count * per_example]


def find(source, name):
    for candidate in (source / name, source / (name + ".gz")):
        if candidate.is_file():
            return candidate
    sys.exit(f"{source}: missing {name} (install dataset-fashion-mnist)")


def main():
    source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    target = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else TARGET
    target.mkdir(parents=True, exist_ok=True)
    for name, count in FILES:
        dims, body = read_idx(find(source, name))
        data = gzip.compress(head(dims, body, count), compresslevel=9, mtime=0)
        (target / (name + ".gz")).write_bytes(data)
        print(f"{target / (name + '.gz')}: {count} examples, {len(data)} bytes")


if __name__ == "__main__":
    main()
