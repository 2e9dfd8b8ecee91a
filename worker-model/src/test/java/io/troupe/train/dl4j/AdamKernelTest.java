package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdamKernelTest {
  @Test
  void everyLaneMatchesTheScalarFormulaBitForBit() {
    // 1000 values: whole vectors and a tail, whatever this machine's vector width.
    int n = 1000;
    Random r = new Random(3);
    float[] g = new float[n];
    float[] m = new float[n];
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) r.nextGaussian();
      m[i] = (float) r.nextGaussian() * 0.1f;
      v[i] = Math.abs((float) r.nextGaussian()) * 0.01f;
    }
    ByteBuffer gb = buffer(g);
    ByteBuffer mb = buffer(m);
    ByteBuffer vb = buffer(v);
    float b1 = 0.9f;
    float b2 = 0.999f;
    float eps = 1e-8f;
    float step = 1e-3f;
    AdamKernel.step(gb, mb, vb, n, b1, b2, eps, step);
    for (int i = 0; i < n; i++) {
      float mi = b1 * m[i] + g[i] * (1 - b1);
      float vi = b2 * v[i] + g[i] * g[i] * (1 - b2);
      float update = mi * step / ((float) Math.sqrt(vi) + eps);
      assertEquals(Float.floatToIntBits(mi), Float.floatToIntBits(mb.getFloat(4 * i)), "m at " + i);
      assertEquals(Float.floatToIntBits(vi), Float.floatToIntBits(vb.getFloat(4 * i)), "v at " + i);
      assertEquals(Float.floatToIntBits(update), Float.floatToIntBits(gb.getFloat(4 * i)), "update at " + i);
    }
  }

  private static ByteBuffer buffer(float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
    for (int i = 0; i < values.length; i++) {
      b.putFloat(4 * i, values[i]);
    }
    return b;
  }
}
