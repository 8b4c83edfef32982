package dev.specvlm.core;

import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationHandle;
import dev.specvlm.GenerationResult;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.LosslessnessReport;
import dev.specvlm.ModelInfo;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecVlmException;
import dev.specvlm.TokenListener;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.budget.BudgetChooser;
import dev.specvlm.core.budget.DeviceCosts;
import dev.specvlm.core.budget.LatencyProbe;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.tree.StaticTreeShape;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link SpecDecoder}: thread-safe; each generation owns its KV states, tree and random streams, and
 * shares the bundle. {@link #close()} cancels running generations (they end CANCELLED within one round), refuses new
 * calls, and closes the bundle once the last running generation has released its states.
 */
final class EngineDecoder implements SpecDecoder {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final ModelBundle bundle;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  private final LongSupplier seeds;
  private final AcceptorFactory acceptors;
  private final ConcurrentHashMap<TreeBudget, StaticTreeShape> shapes = new ConcurrentHashMap<>();
  private final TreeBudgetResolver budgets;
  private final Set<CancelSignal> active = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private boolean closed; // guarded by lock
  private int running; // guarded by lock
  private boolean bundleClosed; // guarded by lock

  EngineDecoder(ModelBundle bundle, @Nullable Executor asyncExecutor, LongSupplier seeds, AcceptorFactory acceptors) {
    this(bundle, asyncExecutor, seeds, acceptors, () -> LatencyProbe.measure(bundle));
  }

  /**
   * A decoder whose {@link TreeBudget#auto()} requests take the device's costs from {@code costs} (called once, when
   * the first such request arrives).
   */
  EngineDecoder(ModelBundle bundle, @Nullable Executor asyncExecutor, LongSupplier seeds, AcceptorFactory acceptors,
      Supplier<DeviceCosts> costs) {
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.seeds = seeds;
    this.acceptors = acceptors;
    // the chooser builds its candidate static shapes itself: caching hundreds of them here would outlast their use
    this.budgets = new TreeBudgetResolver(costs, new BudgetChooser(), bundle.spec().vocabSize(), bundle.spec().name());
    if (asyncExecutor != null) {
      this.executor = asyncExecutor;
      this.ownExecutor = null;
    } else {
      ExecutorService own = Executors.newCachedThreadPool(daemonThreads());
      this.executor = own;
      this.ownExecutor = own;
    }
  }

  private static ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "specvlm-generate-" + THREAD_IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public GenerationResult generate(Prompt prompt, GenerationConfig config) {
    return run(prompt, config, null);
  }

  @Override
  public GenerationResult generate(Prompt prompt, GenerationConfig config, TokenListener listener) {
    return run(prompt, config, Objects.requireNonNull(listener, "listener"));
  }

  private GenerationResult run(Prompt prompt, GenerationConfig config, @Nullable TokenListener listener) {
    CancelSignal signal = enter();
    try {
      return newRun(prompt, config, listener, signal).run();
    } finally {
      exit(signal);
    }
  }

  @Override
  public GenerationHandle generateAsync(Prompt prompt, GenerationConfig config) {
    return startAsync(prompt, config, null);
  }

  @Override
  public GenerationHandle generateAsync(Prompt prompt, GenerationConfig config, TokenListener listener) {
    return startAsync(prompt, config, Objects.requireNonNull(listener, "listener"));
  }

  private GenerationHandle startAsync(Prompt prompt, GenerationConfig config, @Nullable TokenListener listener) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(config, "config");
    CancelSignal signal = enter();
    AsyncGeneration handle = new AsyncGeneration(signal);
    try {
      executor.execute(() -> {
        GenerationResult result = null;
        Throwable failure = null;
        try {
          result = newRun(prompt, config, listener, signal).run();
        } catch (Throwable t) {
          failure = t;
        } finally {
          exit(signal); // before completing: a caller that joins sees the decoder's resources already released
        }
        if (result != null) {
          handle.complete(result);
        } else {
          handle.fail(Objects.requireNonNull(failure));
        }
      });
    } catch (RejectedExecutionException e) {
      exit(signal);
      throw new SpecVlmException("the async executor rejected the generation (is it shut down or saturated?): " + e, e);
    }
    return handle;
  }

  private GenerationRun newRun(Prompt prompt, GenerationConfig config, @Nullable TokenListener listener,
      CancelSignal signal) {
    long seed = config.seed().isPresent() ? config.seed().getAsLong() : seeds.getAsLong();
    return new GenerationRun(bundle, prompt, config, listener, signal, seed, acceptors, this::shape, budgets);
  }

  /** The resolver of this decoder's {@link TreeBudget#auto()} requests. */
  TreeBudgetResolver budgets() {
    return budgets;
  }

  /** The static tree shape of {@code budget}, cached. */
  private StaticTreeShape shape(TreeBudget budget) {
    return shapes.computeIfAbsent(budget, b -> StaticTreeShape.forBudget(b.topK(), b.totalTokens(), b.depth()));
  }

  @Override
  public LosslessnessReport verifyLossless(List<Prompt> prompts, GenerationConfig config, double tieTolerance) {
    CancelSignal signal = enter(); // holds the bundle open for the teacher-forced scoring
    try {
      return new LosslessnessVerifier(this, bundle).verify(prompts, config, tieTolerance);
    } finally {
      exit(signal);
    }
  }

  @Override
  public int[] encode(String text) {
    Objects.requireNonNull(text, "text");
    CancelSignal signal = enter(); // holds the bundle open: close() must not free the tokenizer under this call
    try {
      return bundle.tokenizer().encode(text);
    } finally {
      exit(signal);
    }
  }

  @Override
  public String decode(int[] tokenIds) {
    CancelSignal signal = enter();
    try {
      int vocab = bundle.spec().vocabSize();
      for (int i = 0; i < tokenIds.length; i++) {
        if (tokenIds[i] < 0 || tokenIds[i] >= vocab) {
          throw new InvalidRequestException("token id " + tokenIds[i] + " at index " + i + " is outside the "
              + "vocabulary [0, " + vocab + ") of model '" + bundle.spec().name() + "'");
        }
      }
      return bundle.tokenizer().decode(tokenIds, 0, tokenIds.length);
    } finally {
      exit(signal);
    }
  }

  @Override
  public ModelInfo modelInfo() {
    checkOpen();
    ModelSpec s = bundle.spec();
    return new ModelInfo(s.name(), s.vocabSize(), s.hiddenSize(), s.contextLength(), s.eosTokenIds(),
        bundle.vision() != null, bundle.draft() != null, compressorBranches(), bundle.executionDevice());
  }

  private List<String> compressorBranches() {
    CompressorModel c = bundle.compressor();
    return c == null ? List.of() : c.branches().stream().map(CompressorBranch::name).toList();
  }

  @Override
  public void close() {
    boolean closeNow;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (CancelSignal s : active) {
        s.cancel();
      }
      closeNow = running == 0 && !bundleClosed;
      bundleClosed |= closeNow;
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
    if (closeNow) {
      bundle.close();
    }
  }

  private void checkOpen() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("SpecDecoder is closed");
      }
    }
  }

  private CancelSignal enter() {
    CancelSignal signal = new CancelSignal();
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("SpecDecoder is closed");
      }
      running++;
      active.add(signal);
    }
    return signal;
  }

  private void exit(CancelSignal signal) {
    boolean closeNow;
    synchronized (lock) {
      active.remove(signal);
      running--;
      closeNow = closed && running == 0 && !bundleClosed;
      bundleClosed |= closeNow;
    }
    if (closeNow) {
      bundle.close();
    }
  }
}
