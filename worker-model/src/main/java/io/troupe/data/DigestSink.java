package io.troupe.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Feeds primitives into a SHA-256 digest in a fixed big-endian layout, buffered so that hashing
 * millions of floats does not call the digest once per value.
 */
final class DigestSink {
  private final MessageDigest md = Fingerprints.sha256();
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);

  DigestSink putInt(int v) {
    room(Integer.BYTES).putInt(v);
    return this;
  }

  DigestSink putFloat(float v) {
    // floatToIntBits folds every NaN into one pattern, so equal content gives equal hashes.
    return putInt(Float.floatToIntBits(v));
  }

  DigestSink putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putInt(b.length);
    return putBytes(b);
  }

  DigestSink putBytes(byte[] b) {
    flush();
    md.update(b);
    return this;
  }

  DigestSink putInts(int[] values) {
    putInt(values.length);
    for (int v : values) {
      putInt(v);
    }
    return this;
  }

  DigestSink putFloats(float[] values) {
    putInt(values.length);
    for (float v : values) {
      putFloat(v);
    }
    return this;
  }

  String fingerprint() {
    flush();
    return Fingerprints.format(md.digest());
  }

  private ByteBuffer room(int bytes) {
    if (buf.remaining() < bytes) {
      flush();
    }
    return buf;
  }

  private void flush() {
    md.update(buf.array(), 0, buf.position());
    buf.clear();
  }
}
