package io.troupe.driver.dispatch;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.resource.ResourceInformation;

/**
 * Which GPU Spark gave a task. With {@code spark.task.resource.gpu.amount} set, Spark's resource
 * scheduling hands each task the addresses of its GPUs ("0", "1", ...); a trial binds ND4J's CUDA
 * backend to the first. No "gpu" resource means the task runs on CPU.
 */
public final class GpuAssignment {
  public static final String RESOURCE = "gpu";

  private GpuAssignment() {}

  public static Optional<Integer> device(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources == null ? null : resources.get(RESOURCE);
    if (gpu == null || gpu.addresses().length == 0) {
      return Optional.empty();
    }
    String address = gpu.addresses()[0].trim();
    try {
      return Optional.of(Integer.parseInt(address));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Spark assigned GPU address \"" + address
          + "\", expected a device ordinal such as 0; check the GPU discovery script", e);
    }
  }
}
