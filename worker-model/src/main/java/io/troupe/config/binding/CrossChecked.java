package io.troupe.config.binding;

/**
 * A config record with rules that span several of its fields. The binder calls {@link #crossCheck}
 * only when every field bound cleanly, so the rules can trust each field's own range.
 */
public interface CrossChecked {
  void crossCheck(Checks checks);
}
