package io.troupe.driver.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** The device a trial binds to comes from Spark's resource map for its task. */
class GpuAssignmentTest {
  @Test
  void bindsToTheFirstGpuSparkAssigned() {
    Map<String, ResourceInformation> resources = Map.of("gpu", new ResourceInformation("gpu", new String[] {"1", "3"}));
    assertEquals(Optional.of(1), GpuAssignment.device(resources));
  }

  @Test
  void noGpuResourceMeansCpu() {
    assertTrue(GpuAssignment.device(Map.of()).isEmpty());
    assertTrue(GpuAssignment.device(Map.of("gpu", new ResourceInformation("gpu", new String[0]))).isEmpty());
    assertTrue(GpuAssignment.device(null).isEmpty());
  }

  @Test
  void aNonNumericAddressIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GpuAssignment.device(Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-abc"}))));
    assertTrue(e.getMessage().contains("GPU-abc"), e.getMessage());
  }
}
