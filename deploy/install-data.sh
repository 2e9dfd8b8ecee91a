#!/usr/bin/env bash
# Installs the real data Troupe's examples and tests use: Fashion-MNIST from
# Debian's dataset-fashion-mnist package (IDX files, gzip, 60k train / 10k test).
# Idempotent: does nothing when the files are already there.
set -euo pipefail

DIR="${TROUPE_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz
       t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)

have_all() {
  for f in "${FILES[@]}"; do [ -s "$DIR/$f" ] || return 1; done
}

if have_all; then
  echo "fashion-mnist: present in $DIR"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "fashion-mnist: missing in $DIR and apt-get is not available." >&2
  echo "  Install Debian's dataset-fashion-mnist, or put the four IDX .gz files in a" >&2
  echo "  directory and set data.path (or TROUPE_FASHION_MNIST_DIR) to it." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "fashion-mnist: need root (or sudo) to apt-get install dataset-fashion-mnist" >&2; exit 1; }
  SUDO="sudo"
fi

echo "fashion-mnist: installing Debian package dataset-fashion-mnist ..."
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1; then
  # A fresh machine has empty package lists; refresh them once and retry.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null
fi

if ! have_all; then
  # The package's layout is the contract; name what is missing if it ever changes.
  echo "fashion-mnist: package installed but expected files are missing under $DIR:" >&2
  ls -la "$DIR" >&2 || true
  exit 1
fi
echo "fashion-mnist: installed in $DIR"
