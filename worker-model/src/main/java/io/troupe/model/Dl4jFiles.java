package io.troupe.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.api.InputLayout;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ModelSpec;
import io.troupe.config.ModelType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Networks from DL4J's own files: a configuration JSON as a template (dl4j-json), or a saved model
 * zip as the starting point for fine-tuning (dl4j-zip). A template gets the trial's seed, so its
 * members differ as built-in ones do; a saved model keeps its weights and starts its epoch count
 * again at 0 (the trial's epochs are its fine-tuning). model.overrides apply to both.
 */
final class Dl4jFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Dl4jFiles() {}

  static Network build(ModelSpec model, NetworkShape shape, long seed, ModelFile file) {
    return model.type() == ModelType.DL4J_JSON ? fromTemplate(model, shape, seed, file) : fromSaved(model, shape, file);
  }

  static InputLayout layout(ModelSpec model, NetworkShape shape, ModelFile file) {
    if (model.type() == ModelType.DL4J_JSON) {
      Object conf = parse(read(file), file);
      return layout(firstLayer(conf, file), hasInputPreprocessor(conf), shape, file);
    }
    Object conf = configuration(loadSaved(file));
    return layout(firstLayer(conf, file), hasInputPreprocessor(conf), shape, file);
  }

  private static Network fromTemplate(ModelSpec model, NetworkShape shape, long seed, ModelFile file) {
    Object conf = parse(read(file), file);
    InputLayout layout = layout(firstLayer(conf, file), hasInputPreprocessor(conf), shape, file);
    String where = file.describe();
    if (conf instanceof MultiLayerConfiguration mlc) {
      mlc.getConfs().forEach(c -> c.setSeed(seed));
      TemplateOverrides.apply(mlc, model.overrides(), layout.inputType(), where);
      return wrap(new MultiLayerNetwork(mlc), layout, where);
    }
    ComputationGraphConfiguration cgc = (ComputationGraphConfiguration) conf;
    cgc.getDefaultConfiguration().setSeed(seed);
    for (GraphVertex v : cgc.getVertices().values()) {
      if (v instanceof LayerVertex lv) {
        lv.getLayerConf().setSeed(seed);
      }
    }
    TemplateOverrides.apply(cgc, model.overrides(), layout.inputType(), where);
    return wrap(new ComputationGraph(cgc), layout, where);
  }

  private static Network fromSaved(ModelSpec model, NetworkShape shape, ModelFile file) {
    Model saved = loadSaved(file);
    String where = file.describe();
    Object conf = configuration(saved);
    InputLayout layout = layout(firstLayer(conf, file), hasInputPreprocessor(conf), shape, file);
    if (conf instanceof MultiLayerConfiguration mlc) {
      mlc.setEpochCount(0);
      mlc.setIterationCount(0);
      TemplateOverrides.apply(mlc, model.overrides(), layout.inputType(), where);
    } else {
      ComputationGraphConfiguration cgc = (ComputationGraphConfiguration) conf;
      cgc.setEpochCount(0);
      cgc.setIterationCount(0);
      TemplateOverrides.apply(cgc, model.overrides(), layout.inputType(), where);
    }
    return wrap(saved, layout, where);
  }

  private static Object configuration(Model saved) {
    return saved instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations()
        : ((ComputationGraph) saved).getConfiguration();
  }

  private static Network wrap(Model model, InputLayout layout, String where) {
    try {
      return Network.of(model, layout);
    } catch (RuntimeException e) {
      throw new InvalidInputException("model.file " + where + ": the network does not initialise: " + e.getMessage(), e);
    }
  }

  /** Without an updater state: fine-tuning starts a fresh optimizer (at the trial's settings). */
  private static Model loadSaved(ModelFile file) {
    try (InputStream in = file.open()) {
      return ModelArtifacts.readModel(in.readAllBytes(), false);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("model.file " + file.describe() + ": not a model zip saved by DL4J's"
          + " ModelSerializer (" + e.getMessage() + ")", e);
    }
  }

  private static String read(ModelFile file) {
    try (InputStream in = file.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("model.file " + file.describe() + ": cannot read it: " + e.getMessage(), e);
    }
  }

  /** A MultiLayerConfiguration or a ComputationGraphConfiguration, whichever the JSON is. */
  static Object parse(String json, ModelFile file) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidInputException("model.file " + file.describe() + ": not valid JSON at line "
          + (at == null ? "?" : at.getLineNr()) + ", column " + (at == null ? "?" : at.getColumnNr()) + ": "
          + e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject() || !(tree.has("vertices") || tree.has("confs"))) {
      throw new InvalidInputException("model.file " + file.describe() + ": expected a DL4J MultiLayerConfiguration"
          + " (with \"confs\") or ComputationGraphConfiguration (with \"vertices\") as written by toJson()");
    }
    try {
      return tree.has("vertices") ? ComputationGraphConfiguration.fromJson(json) : MultiLayerConfiguration.fromJson(json);
    } catch (RuntimeException e) {
      throw new InvalidInputException("model.file " + file.describe() + ": DL4J cannot read it as a "
          + (tree.has("vertices") ? "ComputationGraphConfiguration" : "MultiLayerConfiguration") + ": "
          + RootCause.of(e).getMessage(), e);
    }
  }

  private static Layer firstLayer(Object conf, ModelFile file) {
    if (conf instanceof MultiLayerConfiguration mlc) {
      if (mlc.getConfs().isEmpty()) {
        throw new InvalidInputException("model.file " + file.describe() + ": the configuration has no layers");
      }
      return mlc.getConf(0).getLayer();
    }
    ComputationGraphConfiguration cgc = (ComputationGraphConfiguration) conf;
    List<String> inputs = cgc.getNetworkInputs();
    if (inputs.size() != 1 || cgc.getNetworkOutputs().size() != 1) {
      throw new InvalidInputException("model.file " + file.describe() + ": a graph trained by Troupe needs one input"
          + " and one output, got inputs " + inputs + " and outputs " + cgc.getNetworkOutputs());
    }
    for (var e : cgc.getVertexInputs().entrySet()) {
      if (e.getValue().contains(inputs.get(0)) && cgc.getVertices().get(e.getKey()) instanceof LayerVertex lv) {
        return lv.getLayerConf().getLayer();
      }
    }
    return null;
  }

  private static boolean hasInputPreprocessor(Object conf) {
    if (conf instanceof MultiLayerConfiguration mlc) {
      return mlc.getInputPreProcess(0) != null;
    }
    ComputationGraphConfiguration cgc = (ComputationGraphConfiguration) conf;
    String input = cgc.getNetworkInputs().get(0);
    return cgc.getVertexInputs().entrySet().stream().anyMatch(e -> e.getValue().contains(input)
        && cgc.getVertices().get(e.getKey()) instanceof LayerVertex lv && lv.getPreProcessor() != null);
  }

  /**
   * Flat rows, unless the first layer takes images or sequences directly: a configuration built
   * with {@code InputType.convolutionalFlat} starts with a preprocessor and takes flat rows.
   */
  private static InputLayout layout(Layer first, boolean preprocessed, NetworkShape shape, ModelFile file) {
    if (!preprocessed && (first instanceof ConvolutionLayer || first instanceof SubsamplingLayer)) {
      try {
        return InputLayout.convolutional().fitTo(shape);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("model.file " + file.describe() + ": its first layer is convolutional: "
            + e.getMessage());
      }
    }
    if (!preprocessed && first instanceof BaseRecurrentLayer) {
      throw new InvalidInputException("model.file " + file.describe() + ": its first layer is recurrent; a DL4J file"
          + " does not say how many time steps each example has, so use model.type factory with"
          + " InputLayout.recurrent(timeSteps)");
    }
    return InputLayout.feedForward().fitTo(shape);
  }
}
