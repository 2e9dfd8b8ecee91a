package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/gpu/discover-gpus.sh against fake nvidia-smi commands, on a PATH that holds only bash and
 * the fake (so a real nvidia-smi on the machine cannot interfere): Spark parses what it prints.
 */
class GpuDiscoveryScriptTest {
  private static final Path SCRIPT = ProjectRoot.get().resolve("deploy/gpu/discover-gpus.sh");

  @TempDir Path bin;

  private record Result(int code, String out, String err) {}

  @BeforeEach
  void pathWithBashOnly() throws IOException {
    Path bash = Path.of("/bin/bash");
    Files.createSymbolicLink(bin.resolve("bash"), Files.exists(bash) ? bash : Path.of("/usr/bin/bash"));
  }

  private void fakeNvidiaSmi(String body) throws IOException {
    Path fake = bin.resolve("nvidia-smi");
    Files.writeString(fake, "#!/bin/bash\n" + body + "\n");
    assertTrue(fake.toFile().setExecutable(true));
  }

  private Result discover(String cudaVisibleDevices) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString());
    builder.environment().put("PATH", bin.toString());
    builder.environment().remove("CUDA_VISIBLE_DEVICES");
    if (cudaVisibleDevices != null) {
      builder.environment().put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
    }
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "discover-gpus.sh did not finish");
    return new Result(process.exitValue(), out, err);
  }

  private static List<String> addresses(Result r) throws IOException {
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("gpu", json.path("name").asText(), r.out());
    List<String> addresses = new ArrayList<>();
    json.path("addresses").forEach(a -> {
      assertTrue(a.isTextual(), "Spark wants addresses as strings: " + r.out());
      addresses.add(a.asText());
    });
    return addresses;
  }

  @Test
  void printsSparksResourceJsonForEveryGpuNvidiaSmiLists() throws Exception {
    fakeNvidiaSmi("[ \"$*\" = '--query-gpu=index --format=csv,noheader' ] || exit 64\nprintf '0\\n1\\n'");
    Result r = discover(null);
    assertEquals(0, r.code(), r.err());
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\",\"1\"]}\n", r.out());
    assertEquals(List.of("0", "1"), addresses(r));
    assertEquals("", r.err());
  }

  @Test
  void cudaVisibleDevicesRenumbersTheGpusAsCudaDoes() throws Exception {
    fakeNvidiaSmi("printf '0\\n1\\n2\\n3\\n'");
    // GPUs 2 and 3 are CUDA devices 0 and 1 in a process that sees only them.
    assertEquals(List.of("0", "1"), addresses(discover("2,3")));
    assertEquals(List.of("0"), addresses(discover("3")));
    // CUDA stops at the first entry that names no GPU.
    Result stopped = discover("1,7,2");
    assertEquals(List.of("0"), addresses(stopped));
    assertTrue(stopped.err().contains("entry '7' names no GPU"), stopped.err());
    for (String none : List.of("", "-1", "7")) {
      Result r = discover(none);
      assertEquals(1, r.code(), "CUDA_VISIBLE_DEVICES=" + none + ": " + r.out());
      assertEquals("", r.out());
      assertTrue(r.err().contains("leaves no GPU visible"), r.err());
    }
  }

  @Test
  void aFailingNvidiaSmiIsAnErrorWithItsMessage() throws Exception {
    fakeNvidiaSmi("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.' >&2\nexit 9");
    Result r = discover(null);
    assertEquals(1, r.code());
    assertEquals("", r.out(), "nothing Spark could mistake for addresses");
    assertTrue(r.err().contains("nvidia-smi --query-gpu=index failed (exit 9): NVIDIA-SMI has failed"), r.err());

    fakeNvidiaSmi("echo 'No devices were found'");
    Result garbage = discover(null);
    assertEquals(1, garbage.code());
    assertTrue(garbage.err().contains("printed 'No devices were found' where a GPU index was expected"), garbage.err());

    fakeNvidiaSmi("exit 0");
    Result empty = discover(null);
    assertEquals(1, empty.code());
    assertTrue(empty.err().contains("nvidia-smi lists no GPUs"), empty.err());
  }

  @Test
  void noNvidiaSmiIsAnError() throws Exception {
    Result r = discover(null);
    assertEquals(1, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("nvidia-smi not found on PATH"), r.err());
  }
}
