package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class ShapeInfoCacheTest {
  /** Shapes as arrays ask for them: plain, views, 'f' order, a scalar, an empty array, other types. */
  private static final List<Object[]> SHAPES = List.of(
      new Object[] {new long[] {128, 784}, new long[] {784, 1}, 1L, 'c', DataType.FLOAT, false},
      new Object[] {new long[] {784, 256}, new long[] {1, 784}, 1L, 'f', DataType.FLOAT, false},
      new Object[] {new long[] {256}, new long[] {1}, 1L, 'c', DataType.FLOAT, false},
      new Object[] {new long[] {4, 3}, new long[] {12, 1}, 0L, 'c', DataType.DOUBLE, false},
      new Object[] {new long[] {}, new long[] {}, 1L, 'c', DataType.FLOAT, false},
      new Object[] {new long[] {0}, new long[] {1}, 1L, 'c', DataType.FLOAT, true},
      new Object[] {new long[] {2, 5}, new long[] {5, 1}, 1L, 'c', DataType.INT, false},
      // Pairs apart in one part only: stride (a column view), ews, order, the empty flag.
      new Object[] {new long[] {4, 3}, new long[] {3, 1}, 1L, 'c', DataType.FLOAT, false},
      new Object[] {new long[] {4, 3}, new long[] {6, 1}, 1L, 'c', DataType.FLOAT, false},
      new Object[] {new long[] {4, 3}, new long[] {6, 1}, 0L, 'c', DataType.FLOAT, false},
      new Object[] {new long[] {4, 3}, new long[] {6, 1}, 0L, 'f', DataType.FLOAT, false},
      new Object[] {new long[] {0}, new long[] {1}, 1L, 'c', DataType.FLOAT, false});

  @Test
  void eachShapeIsBuiltOnceAndMatchesWhatNd4jBuilds() {
    ShapeInfoCache cache = new ShapeInfoCache(64);
    for (Object[] s : SHAPES) {
      Pair<DataBuffer, long[]> first = ask(cache, s);
      DataBuffer stock = Shape.createShapeInformation((long[]) s[0], (long[]) s[1], (long) s[2], (char) s[3],
          (DataType) s[4], (boolean) s[5]);
      assertArrayEquals(stock.asLong(), first.getSecond(), "shape info of " + describe(s));
      assertArrayEquals(stock.asLong(), first.getFirst().asLong(), "native buffer of " + describe(s));
      assertSame(first, ask(cache, s), "asked again: the same constant");
    }
    assertEquals(SHAPES.size(), cache.size());
    // The data type and the empty flag are part of a shape's identity.
    Object[] asDouble = SHAPES.get(0).clone();
    asDouble[4] = DataType.DOUBLE;
    assertNotSame(ask(cache, SHAPES.get(0)), ask(cache, asDouble));
    assertEquals(SHAPES.size() + 1, cache.size());
  }

  @Test
  void aCallerChangingItsArraysLaterDoesNotChangeWhatWasStored() {
    ShapeInfoCache cache = new ShapeInfoCache(64);
    long[] shape = {3, 7};
    long[] stride = {7, 1};
    Pair<DataBuffer, long[]> first = cache.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
    shape[1] = 8;
    stride[0] = 8;
    Pair<DataBuffer, long[]> other = cache.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
    assertNotSame(first, other);
    assertSame(first, cache.createShapeInformation(new long[] {3, 7}, new long[] {7, 1}, 1, 'c', DataType.FLOAT, false));
    assertArrayEquals(new long[] {3, 8}, Shape.shape(other.getSecond()));
  }

  @Test
  void pastItsBoundItBuildsEachTimeAndRemembersNothingMore() {
    ShapeInfoCache cache = new ShapeInfoCache(2);
    ask(cache, SHAPES.get(0));
    ask(cache, SHAPES.get(1));
    Pair<DataBuffer, long[]> a = ask(cache, SHAPES.get(2));
    Pair<DataBuffer, long[]> b = ask(cache, SHAPES.get(2));
    assertNotSame(a, b);
    assertArrayEquals(a.getSecond(), b.getSecond());
    assertEquals(2, cache.size());
    assertSame(ask(cache, SHAPES.get(0)), ask(cache, SHAPES.get(0)), "the first two stay cached");
  }

  @Test
  void concurrentTrialsShareOneEntryPerShape() throws Exception {
    ShapeInfoCache cache = new ShapeInfoCache(1024);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Pair<DataBuffer, long[]>>>> answers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        answers.add(pool.submit(() -> {
          List<Pair<DataBuffer, long[]>> seen = new ArrayList<>();
          for (int round = 0; round < 200; round++) {
            for (int rows = 1; rows <= 20; rows++) {
              seen.add(cache.createShapeInformation(new long[] {rows, 10}, new long[] {10, 1}, 1, 'c',
                  DataType.FLOAT, false));
            }
          }
          return seen;
        }));
      }
      List<Pair<DataBuffer, long[]>> reference = answers.get(0).get().subList(0, 20);
      for (Future<List<Pair<DataBuffer, long[]>>> answer : answers) {
        List<Pair<DataBuffer, long[]>> seen = answer.get();
        for (int i = 0; i < seen.size(); i++) {
          assertSame(reference.get(i % 20), seen.get(i), "one constant per shape, whoever asked first");
        }
      }
      assertEquals(20, cache.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void installsItselfOnTheCpuBackendOnlyOnce() {
    assertTrue(ShapeInfoCache.install());
    ShapeInfoProvider installed = Nd4j.getShapeInfoProvider();
    assertInstanceOf(ShapeInfoCache.class, installed);
    assertTrue(ShapeInfoCache.install());
    assertSame(installed, Nd4j.getShapeInfoProvider());
    // Arrays made through it behave: views, reshapes, permutes, empties and ops.
    INDArray a = Nd4j.linspace(1, 24, 24, DataType.FLOAT).reshape(2, 3, 4);
    INDArray view = a.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
    assertArrayEquals(new long[] {3, 2}, view.shape());
    assertEquals(14f + 15f + 18f + 19f + 22f + 23f, view.sumNumber().floatValue(), 0f);
    INDArray permuted = a.permute(2, 0, 1);
    assertArrayEquals(new long[] {4, 2, 3}, permuted.shape());
    assertEquals(a.getFloat(1, 2, 3), permuted.getFloat(3, 1, 2), 0f);
    INDArray wide = Nd4j.linspace(1, 24, 24, DataType.FLOAT).reshape(4, 6);
    INDArray columns = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
    INDArray packed = columns.dup();
    assertArrayEquals(new long[] {6, 1}, columns.stride());
    assertArrayEquals(new long[] {3, 1}, packed.stride());
    assertEquals(packed, columns);
    assertTrue(Nd4j.empty(DataType.FLOAT).isEmpty());
    assertEquals(300f, a.sumNumber().floatValue(), 0f);
  }

  @Test
  void trainingWithItIsBitIdenticalToTrainingWithout() throws Exception {
    ShapeInfoProvider before = Nd4j.getShapeInfoProvider();
    ShapeInfoProvider stock = (ShapeInfoProvider) Class.forName("org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider")
        .getDeclaredConstructor().newInstance();
    try {
      ShapeInfoCache.swap(stock);
      INDArray without = trained();
      ShapeInfoCache.swap(new ShapeInfoCache(ShapeInfoCache.MAX_ENTRIES));
      INDArray with = trained();
      assertEquals(without, with);
      assertEquals(0.0, without.sub(with).norm1Number().doubleValue(), 0.0);
    } finally {
      ShapeInfoCache.swap(before);
    }
  }

  /** An MLP with dropout, L2 and Adam after 20 steps, as trials train it (float). */
  private static INDArray trained() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT)
        .updater(new Adam(0.01)).l2(1e-3).weightInit(WeightInit.RELU).list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).dropOut(0.8).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(3).activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    DataSet doubles = Nets.classification(96, 13);
    DataSet data = new DataSet(doubles.getFeatures().castTo(DataType.FLOAT), doubles.getLabels().castTo(DataType.FLOAT));
    Nd4j.getRandom().setSeed(5);
    for (int step = 0; step < 20; step++) {
      net.fit(data);
    }
    return net.params().dup();
  }

  private static Pair<DataBuffer, long[]> ask(ShapeInfoCache cache, Object[] s) {
    return cache.createShapeInformation((long[]) s[0], (long[]) s[1], (long) s[2], (char) s[3], (DataType) s[4],
        (boolean) s[5]);
  }

  private static String describe(Object[] s) {
    return java.util.Arrays.toString((long[]) s[0]) + " " + s[3] + " " + s[4] + (((boolean) s[5]) ? " empty" : "");
  }
}
