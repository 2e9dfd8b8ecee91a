package io.troupe.driver.store;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.IoWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Passes every call to another store; tests override one call to make a store fail or race. */
class ForwardingStore implements ArtifactStore {
  private final ArtifactStore inner;

  ForwardingStore(ArtifactStore inner) {
    this.inner = inner;
  }

  @Override
  public void write(String key, IoWriter writer) throws IOException {
    inner.write(key, writer);
  }

  @Override
  public boolean createIfAbsent(String key, IoWriter writer) throws IOException {
    return inner.createIfAbsent(key, writer);
  }

  @Override
  public boolean createIfAbsentIsAtomic() {
    return inner.createIfAbsentIsAtomic();
  }

  @Override
  public InputStream open(String key) throws IOException {
    return inner.open(key);
  }

  @Override
  public boolean exists(String key) {
    return inner.exists(key);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    return inner.list(prefix);
  }

  @Override
  public void delete(String key) throws IOException {
    inner.delete(key);
  }

  @Override
  public String describe(String key) {
    return inner.describe(key);
  }
}
