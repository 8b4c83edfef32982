package dev.specvlm.examples.cli;

import dev.specvlm.Device;
import dev.specvlm.ModelLoadException;
import dev.specvlm.SpecDecoder;
import dev.specvlm.bench.e2e.ModelFolders;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the model is and how to run it; shared by the subcommands. */
public final class ModelOptions {
  @Option(names = {"-m", "--model"}, paramLabel = "DIR", defaultValue = ModelFolders.BUNDLED_MODEL,
      description = "Model folder holding specvlm.json (default: ${DEFAULT-VALUE}, the bundled model).")
  Path model = Path.of(ModelFolders.BUNDLED_MODEL);

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "ONNX Runtime intra-op threads (default: 0, the runtime's choice).")
  int threads;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
      description = "cpu, cuda:N (fail if CUDA is unusable) or cuda-or-cpu:N (default: ${DEFAULT-VALUE}).")
  String device = "cpu";

  /** The model folder. */
  Path model() {
    return model;
  }

  /**
   * Opens the decoder, first checking that the folder holds a model so that a wrong path gets a hint rather than a
   * loader error.
   *
   * @throws ModelLoadException naming the folder, the working directory and what to do
   */
  SpecDecoder open() {
    ModelFolders.requireModel(model);
    return SpecDecoder.builder().modelDir(model).intraOpThreads(threads).device(parseDevice(device)).build();
  }

  static Device parseDevice(String text) {
    String s = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("cpu")) {
      return Device.cpu();
    }
    try {
      if (s.startsWith("cuda-or-cpu:")) {
        return Device.cudaOrCpu(Integer.parseInt(s.substring("cuda-or-cpu:".length())));
      }
      if (s.startsWith("cuda:")) {
        return Device.cuda(Integer.parseInt(s.substring("cuda:".length())));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new dev.specvlm.InvalidRequestException("unknown device '" + text + "'; use cpu, cuda:N or cuda-or-cpu:N");
  }
}
