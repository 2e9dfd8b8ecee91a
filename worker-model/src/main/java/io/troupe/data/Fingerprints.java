package io.troupe.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers shared by the data classes; fingerprints are "sha256:" + 16 hex digits. */
public final class Fingerprints {
  static final String PREFIX = "sha256:";
  /** 16 hex digits = 64 bits: plenty to tell datasets apart, short enough to read in a report. */
  private static final int HEX_CHARS = 16;

  private Fingerprints() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }

  public static String format(byte[] digest) {
    return PREFIX + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
  }

  /** Order-sensitive combination of fingerprints (e.g. a source's train and test sets). */
  public static String combine(String... fingerprints) {
    MessageDigest md = sha256();
    for (String f : fingerprints) {
      md.update(f.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n'); // separator so ("ab","c") and ("a","bc") differ
    }
    return format(md.digest());
  }
}
