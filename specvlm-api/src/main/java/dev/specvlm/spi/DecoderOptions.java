package dev.specvlm.spi;

import dev.specvlm.Device;
import dev.specvlm.GraphOptimization;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The settings collected by {@link dev.specvlm.SpecDecoder.Builder}, handed to a {@link SpecDecoderProvider}.
 *
 * @param modelDir the model folder (manifest {@code specvlm.json} and its files)
 * @param device where to run
 * @param intraOpThreads threads per operator; 0 lets the runtime choose
 * @param graphOptimization how much the runtime may rewrite graphs
 * @param optimizedModelCache a folder where optimized graphs are cached, or null for none
 * @param customOperatorLibraries native custom-operator libraries to load; empty unless the application names them
 * @param asyncExecutor the executor for asynchronous generations, or null for the decoder's own
 */
public record DecoderOptions(
    Path modelDir,
    Device device,
    int intraOpThreads,
    GraphOptimization graphOptimization,
    @Nullable Path optimizedModelCache,
    List<Path> customOperatorLibraries,
    @Nullable Executor asyncExecutor) {

  /** Validates and copies. */
  public DecoderOptions {
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(graphOptimization, "graphOptimization");
    customOperatorLibraries = List.copyOf(customOperatorLibraries);
  }
}
