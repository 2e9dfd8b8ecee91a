package io.troupe.artifacts;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through but turns {@link #close()} into a flush. Library writers (ND4J,
 * ModelSerializer) close the stream they are given; the store must still sync and rename after.
 */
public final class CloseShieldOutputStream extends FilterOutputStream {
  public CloseShieldOutputStream(OutputStream out) {
    super(out);
  }

  // FilterOutputStream would otherwise forward arrays one byte at a time.
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
