package io.troupe.driver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what a run writes: values of settings whose name says secret (e.g.
 * {@code spark.hadoop.fs.s3a.secret.key}) and credentials inside URIs become {@value #REDACTED}.
 */
public final class Secrets {
  static final String REDACTED = "*****(redacted)";
  /** As Spark's spark.redaction.regex, plus key names cloud stores use. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(secret|password|passwd|token|credential|access\\.?key|session\\.?key|signature).*");
  private static final Pattern URI_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private Secrets() {}

  static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** A copy of {@code tree} with every value under a secret-named key redacted, at any depth. */
  public static ObjectNode redact(ObjectNode tree) {
    ObjectNode copy = tree.deepCopy();
    redactInPlace(copy);
    return copy;
  }

  private static void redactInPlace(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isSecretName(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
          e.setValue(object.textNode(REDACTED));
        } else {
          redactInPlace(e.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(Secrets::redactInPlace);
    }
  }

  /** Command-line arguments with secret {@code name=value} values and URI credentials redacted. */
  static List<String> redactArguments(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      String a = URI_USER_INFO.matcher(arg).replaceAll(REDACTED + "@");
      int eq = a.indexOf('=');
      if (eq > 0 && isSecretName(a.substring(0, eq))) {
        a = a.substring(0, eq + 1) + REDACTED;
      }
      out.add(a);
    }
    return out;
  }
}
