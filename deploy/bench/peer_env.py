"""The PyTorch peers' process at its best, so no ratio against it flatters Troupe.

- The BLAS: Debian's torch links libblas.so.3, which Debian's alternatives point at OpenBLAS when it
  is installed and at the reference BLAS (netlib) when it is not. The reference BLAS is about 10x
  slower, so the peer scripts refuse to run on it.
- The allocator: PyTorch allocates each op's result afresh. With glibc's default thresholds a freed
  result of a few hundred KB goes back to the OS and the next one faults its pages in again; where
  page faults are dear (some virtual machines and sandboxes) that made PyTorch's MLP step 4.7x
  slower (11.8k against 56k samples/s, measured on a 2-core AMD EPYC). PyTorch's own tuning guide
  suggests another allocator for it; Debian's torch has none, so the peers keep freed memory in
  glibc's heap instead (keep_freed_memory).
"""
import ctypes
import os

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_MAX = 32 * 1024 * 1024  # glibc's upper limit on 64-bit

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


def keep_freed_memory():
    """glibc keeps freed memory for reuse: no trimming, and blocks up to 32 MB from its heap, not mmap."""
    libc = ctypes.CDLL("libc.so.6")
    libc.mallopt(M_TRIM_THRESHOLD, 2**31 - 1)
    libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX)


def ready(script):
    """Readies a peer script's process: freed memory kept, and None, or the message to print before
    exiting 2 when its BLAS is the reference one."""
    keep_freed_memory()
    return refuse_reference(script)
