"""Which BLAS a PyTorch peer does its GEMMs in, read from the libraries its process has mapped.

Debian's torch links libblas.so.3, which Debian's alternatives point at OpenBLAS when it is installed
and at the reference BLAS (netlib) when it is not. The reference BLAS is about 10x slower: a peer on
it would make every ratio against it flatter Troupe, so the peer scripts refuse to run on it.
"""
import os

HINT = "install Debian's libopenblas0-pthread (the reference BLAS is about 10x slower)"


def loaded_blas():
    """The real path of each BLAS library mapped into this process (after torch is imported)."""
    found = set()
    with open("/proc/self/maps") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 6 and any(k in os.path.basename(parts[5]) for k in ("blas", "mkl", "blis")):
                found.add(os.path.realpath(parts[5]))
    return sorted(found)


def is_reference(paths):
    """True when libblas.so.3 is the reference BLAS (Debian: .../blas/libblas.so.3): torch's GEMMs go
    there even when OpenBLAS is mapped too (as LAPACK's provider)."""
    return any("/blas/libblas.so" in p for p in paths)


def refuse_reference(script):
    """None, or the message a peer script prints before it exits 2 on the reference BLAS."""
    paths = loaded_blas()
    if is_reference(paths):
        return f"{script}: PyTorch here does its GEMMs in the reference BLAS ({', '.join(paths)}); {HINT}"
    return None
