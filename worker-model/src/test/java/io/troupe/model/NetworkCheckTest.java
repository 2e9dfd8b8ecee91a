package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.api.InputLayout;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's check of a user's network before a sweep: each kind of bad input is refused as
 * InvalidInputException (exit 2), naming the class or file and what was expected.
 */
class NetworkCheckTest {
  private static final String BASE = """
      name: check
      data: {source: synthetic, synthetic: {trainSize: 100, testSize: 20, features: 8, classes: 3}}
      train: {epochs: 1}
      """;
  private static final String NETS = "io.troupe.testing.nets.";

  @TempDir Path dir;

  private static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(BASE, "check.yaml", null, List.of(sets));
  }

  private static String refusal(ExperimentSpec spec, ModelFile file) {
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    return assertThrows(InvalidInputException.class, () -> NetworkCheck.check(spec, splits, file)).getMessage();
  }

  private static String factoryRefusal(String className, String... sets) {
    String[] all = new String[sets.length + 2];
    all[0] = "model.type=factory";
    all[1] = "model.factory=" + className;
    System.arraycopy(sets, 0, all, 2, sets.length);
    return refusal(spec(all), ModelFile.NONE);
  }

  @Test
  void aGoodFactoryPassesAndGivesItsLayout() {
    ExperimentSpec spec = spec("model.type=factory", "model.factory=" + NETS + "ResidualMlp");
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    InputLayout layout = NetworkCheck.check(spec, splits, ModelFile.NONE);
    assertEquals(InputLayout.Kind.FEED_FORWARD, layout.kind());
  }

  @Test
  void aMissingClassIsNamedWithHowToAddIt() {
    String m = factoryRefusal("com.acme.Missing");
    assertTrue(m.contains("model.factory") && m.contains("com.acme.Missing") && m.contains("--jars"), m);
  }

  @Test
  void aClassThatIsNotAFactoryIsNamed() {
    String m = factoryRefusal(NETS + "BrokenFactories$NotAFactory");
    assertTrue(m.contains("BrokenFactories$NotAFactory") && m.contains("does not implement io.troupe.api.NetworkFactory"), m);
  }

  @Test
  void aFactoryThatThrowsIsNamedWithItsException() {
    String m = factoryRefusal(NETS + "BrokenFactories$Throwing");
    assertTrue(m.contains("BrokenFactories$Throwing.build threw") && m.contains("the factory's own bug"), m);
  }

  @Test
  void anOutputThatDoesNotFitTheClassesIsRefused() {
    // The factory always gives 3 outputs: right for 3 classes, refused for 4.
    ExperimentSpec three = spec("model.type=factory", "model.factory=" + NETS + "BrokenFactories$WrongOutputWidth");
    NetworkCheck.check(three, DataLoader.load(three.data(), three.dataSeed()), ModelFile.NONE);
    String four = factoryRefusal(NETS + "BrokenFactories$WrongOutputWidth", "data.synthetic.classes=4");
    assertTrue(four.contains("WrongOutputWidth") && four.contains("output is [2, 3]") && four.contains("[2, 4]")
        && four.contains("4 classes"), four);
  }

  @Test
  void anInputThatDoesNotFitTheFeaturesIsRefused() {
    String m = factoryRefusal(NETS + "BrokenFactories$WrongInputWidth");
    assertTrue(m.contains("WrongInputWidth") && m.contains("does not take the data's input") && m.contains("8 features"), m);
  }

  @Test
  void aLayoutThatDoesNotFitTheDataIsRefused() {
    String m = factoryRefusal(NETS + "BrokenFactories$ImagesFromFlatData");
    assertTrue(m.contains("ImagesFromFlatData.input does not fit the data") && m.contains("image data"), m);
  }

  @Test
  void aMissingFactorySettingIsNamed() {
    String m = factoryRefusal(NETS + "BrokenFactories$NeedsDepth", "model.params.width=3");
    assertTrue(m.contains("model.params.depth") && m.contains("width"), m);
  }

  @Test
  void aTemplateThatDoesNotParseIsNamedWithItsLine() throws Exception {
    Path json = dir.resolve("broken.json");
    Files.writeString(json, "{\n  \"confs\": [\n    {\"layer\": \n  ]\n}\n");
    String m = refusal(spec("model.type=dl4j-json", "model.file=" + json), ModelFile.local(json));
    assertTrue(m.contains("model.file") && m.contains("broken.json") && m.contains("line 4"), m);
  }

  @Test
  void jsonThatIsNotADl4jConfigurationIsRefused() throws Exception {
    Path json = dir.resolve("other.json");
    Files.writeString(json, "{\"layers\": []}");
    String m = refusal(spec("model.type=dl4j-json", "model.file=" + json), ModelFile.local(json));
    assertTrue(m.contains("other.json") && m.contains("MultiLayerConfiguration"), m);
  }

  @Test
  void aFactoryWithoutItsClassNameIsAConfigError() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec("model.type=factory"));
    assertTrue(e.getMessage().contains("model.factory"), e.getMessage());
    InvalidInputException params = assertThrows(InvalidInputException.class, () -> spec("model.params.width=3"));
    assertTrue(params.getMessage().contains("model.params") && params.getMessage().contains("factory"),
        params.getMessage());
  }
}
