package dev.specvlm.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Named float32 parameters in one DJL manager, in PyTorch layout ({@code [out, in]} for linear weights), with a
 * subset marked trainable (gradients on). Frozen parameters are constants of the graph.
 *
 * <p>Owns its manager: {@link #close()} frees every parameter. Not thread-safe.
 */
public final class ParameterSet implements AutoCloseable {
  private final NDManager manager;
  private final Map<String, NDArray> arrays = new LinkedHashMap<>();
  private final Map<String, int[]> shapes = new LinkedHashMap<>();
  private final Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<String> trainable = new ArrayList<>();

  private ParameterSet(NDManager manager) {
    this.manager = manager;
  }

  /**
   * Creates parameters from values.
   *
   * @param parent the manager the set's own sub-manager is created under
   * @param shapes every name with its shape, in order
   * @param values row-major values for every name of {@code shapes}
   * @param isTrainable which names get gradients
   * @throws IllegalArgumentException if a value is missing or has the wrong size
   */
  public static ParameterSet create(NDManager parent, Map<String, int[]> shapes, Map<String, float[]> values,
      Predicate<String> isTrainable) {
    ParameterSet set = new ParameterSet(parent.newSubManager());
    try {
      for (Map.Entry<String, int[]> e : shapes.entrySet()) {
        String name = e.getKey();
        float[] v = values.get(name);
        long size = Arrays.stream(e.getValue()).asLongStream().reduce(1, (a, b) -> a * b);
        if (v == null || v.length != size) {
          throw new IllegalArgumentException("parameter " + name + " of shape " + Arrays.toString(e.getValue())
              + " needs " + size + " values, got " + (v == null ? "none" : v.length));
        }
        NDArray array = set.manager.create(v, new Shape(Arrays.stream(e.getValue()).asLongStream().toArray()));
        array.setName(name);
        boolean train = isTrainable.test(name);
        if (train) {
          array.setRequiresGradient(true);
          set.trainable.add(name);
        }
        set.arrays.put(name, array);
        set.shapes.put(name, e.getValue().clone());
        set.kept.add(array);
      }
    } catch (RuntimeException ex) {
      set.close();
      throw ex;
    }
    return set;
  }

  /** The parameter called {@code name}. */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter called " + name + "; this set holds " + arrays.size()
          + " names such as " + arrays.keySet().stream().limit(3).toList());
    }
    return a;
  }

  /** The shape of parameter {@code name}. */
  public int[] shape(String name) {
    get(name);
    return shapes.get(name).clone();
  }

  /** Every name, in creation order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(arrays.keySet());
  }

  /** The names of the trainable parameters, in creation order. */
  public List<String> trainableNames() {
    return Collections.unmodifiableList(trainable);
  }

  /** The number of values in trainable parameters. */
  public long trainableCount() {
    long n = 0;
    for (String name : trainable) {
      n += arrays.get(name).size();
    }
    return n;
  }

  /** The manager the parameters live in (operations whose first operand is a parameter put results here). */
  public NDManager manager() {
    return manager;
  }

  /** Copies every parameter's current values out, by name. */
  public Map<String, float[]> toFloatArrays() {
    Map<String, float[]> out = new LinkedHashMap<>();
    arrays.forEach((name, a) -> out.put(name, a.toFloatArray()));
    return out;
  }

  /** Overwrites the values of the parameters named in {@code values} (sizes must match). */
  public void load(Map<String, float[]> values) {
    values.forEach((name, v) -> {
      NDArray a = get(name);
      if (a.size() != v.length) {
        throw new IllegalArgumentException("parameter " + name + " holds " + a.size() + " values, got " + v.length);
      }
      a.set(v);
    });
  }

  /**
   * Closes every array in this set's manager that is not a parameter: results of operations whose first operand was
   * a parameter, and gradient handles. Call after each optimizer step (never between forward and backward).
   */
  public void releaseTemporaries() {
    releaseAllBut(manager, kept);
  }

  static void releaseAllBut(NDManager manager, Set<NDArray> keep) {
    for (NDArray a : new ArrayList<>(manager.getManagedArrays())) {
      if (!keep.contains(a) && a.getManager() == manager) {
        a.close();
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
