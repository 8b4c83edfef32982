package dev.specvlm.train;

import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.distill.CompressorTraining;
import dev.specvlm.train.distill.DistillConfig;
import dev.specvlm.train.distill.OnlineDistiller;
import dev.specvlm.train.distill.OnnxTeacher;
import dev.specvlm.train.distill.SceneConversations;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.train.vlm.TinyVlm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Distils a draft head for a model folder from the command line:
 * {@code distill MODEL_DIR RUN_DIR [--epochs N] [--samples N] [--ffn N] [--compressor] [--write]} — as
 * {@code specvlm distill} when this module is on the command line's class path (it is listed in
 * {@code META-INF/specvlm/cli-subcommands}), or through {@code specvlm-train/distill.sh}.
 *
 * <p>The target in {@code MODEL_DIR} is the teacher; the conversations are the procedural scenes of this project
 * (a target with another vocabulary or prompt format needs its own {@link dev.specvlm.train.distill.DistillationData}
 * through the API). The draft layer is shaped like a LLaMA layer of the target's width with the head size and KV
 * heads of its decoder ({@code --ffn} sets the SwiGLU width). Checkpoints, logs and one model folder per epoch go to
 * {@code RUN_DIR}; running the same command again resumes. With {@code --write} the final draft replaces
 * {@code MODEL_DIR/draft.onnx} and the manifest's draft entry.
 *
 * <p>With {@code --compressor} the elastic visual compressor is trained jointly with a draft of its own (SpecVLM,
 * {@link CompressorTraining#defaults}); each epoch's folder keeps {@code MODEL_DIR}'s {@code draft.onnx} (the EagleVLM
 * draft) and adds the compressor, and {@code --write} adds the compressor and its draft to {@code MODEL_DIR} without
 * touching {@code draft.onnx}.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = {"Online-logit distillation of an EagleVLM draft head (and, with --compressor, the elastic visual "
        + "compressor) against the target of a model folder, on this project's procedural scenes.",
        "Resumable: run the same command again after an interruption."},
    footer = {"", "Examples:",
        "  distill models/specvlm-tiny target/distill-run --epochs 3 --write",
        "  distill models/specvlm-tiny target/compressor-run --compressor --epochs 2 --write"})
public final class DistillCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "the model folder whose target is the teacher")
  Path model;

  @Parameters(index = "1", paramLabel = "RUN_DIR",
      description = "checkpoints, logs and one model folder per epoch (created if missing)")
  Path run;

  @Option(names = "--epochs", defaultValue = "1", description = "epochs to train (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--samples", defaultValue = "2000",
      description = "conversations per epoch (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--ffn", defaultValue = "0",
      description = "SwiGLU width of the draft layer (default: LLaMA-like for the target's width)")
  int ffn;

  @Option(names = "--compressor", description = "train the visual compressor jointly with a draft of its own")
  boolean compressor;

  @Option(names = "--write", description = "write the result into MODEL_DIR (the draft, or the compressor and its "
      + "draft with --compressor)")
  boolean write;

  /** For picocli. */
  public DistillCommand() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args see the class description
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DistillCommand()).execute(args));
  }

  @Override
  public Integer call() {
    if (epochs < 1 || samples < 1 || ffn < 0) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--epochs and --samples must be at least 1 and --ffn at least 0");
    }
    distill(model, run, epochs, samples, shape -> ffn == 0 ? shape : shape.withFfnSize(ffn), compressor, write);
    return 0;
  }

  /**
   * Distils a draft (and with {@code compressor} the visual compressor with a draft of its own) for {@code model} on
   * the procedural scenes, in {@code run} (resumable).
   *
   * @param shape the draft's shape from the LLaMA-like default for the target's width and heads
   * @param write whether to write the result into {@code model}
   */
  static void distill(Path model, Path run, int epochs, int samples, UnaryOperator<DraftShape> shape,
      boolean compressor, boolean write) {
    DistillConfig config = DistillConfig.defaults(epochs);
    try (OnnxTeacher teacher = OnnxTeacher.load(model, config.teacherThreads())) {
      ModelManifest m = teacher.manifest();
      DraftShape draft = shape.apply(DraftShape.llamaLike(m.sizes().hidden(), m.sizes().vocab(),
          m.decoder().kvHeads(), m.decoder().headDim(), m.sizes().contextLength()));
      SceneConversations data = new SceneConversations(TinyVlm.resolutionMix(), DataSplit.TRAIN, 0, samples);
      CompressorTraining training = compressor ? CompressorTraining.defaults(m.sizes().hidden()) : null;
      OnlineDistiller.Result result = new OnlineDistiller(model, teacher, draft, config, training).run(data, run,
          true, (epoch, folder, stats) -> System.out.printf("epoch %d: feature %.4f, soft CE %.3f, top-1 agreement"
              + " %.3f%s; model folder %s%n", epoch, stats.feature(), stats.logit(), stats.agreement(),
              stats.branches().isEmpty() ? "" : ", branches trained " + stats.branches(), folder));
      if (write && training != null) {
        training.exportTo(model, draft, result.draftWeights(), teacher.lmHead(), config.export());
        System.out.println("wrote the compressor and its draft into " + model);
      } else if (write) {
        ModelFolderExport.writeDraft(model, draft, result.draftWeights(), teacher.lmHead(), config.export());
        System.out.println("wrote the draft into " + model);
      }
    }
  }
}
