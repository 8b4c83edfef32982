package dev.specvlm.train.distill;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.onnx.graph.WeightStorage;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.loop.LearningRateSchedule;

/**
 * How a draft is distilled.
 *
 * @param epochs passes over the {@link DistillationData} (an epoch is {@code data.size()} conversations)
 * @param batchSamples conversations per optimizer step (gradients accumulate over them)
 * @param schedule learning rate over the fraction of all epochs done
 * @param weightDecay AdamW decay of the draft's matrices
 * @param maxGradNorm global gradient-norm clip
 * @param featureWeight weight of the SmoothL1 feature loss (1.0 in SpecVLM and EAGLE)
 * @param logitWeight weight of the soft cross-entropy (0.1)
 * @param initStd standard deviation of the initial draft matrices
 * @param seed initial weights and the order of each epoch
 * @param checkpointMinutes a checkpoint at least this often, and after every epoch
 * @param logEvery a plain log line every this many optimizer steps
 * @param teacherThreads ONNX Runtime intra-op threads of the teacher (0: its choice)
 * @param teacherWorkers teacher passes run concurrently ahead of the student
 * @param export how the draft graph is written
 */
public record DistillConfig(int epochs, int batchSamples, LearningRateSchedule schedule, double weightDecay,
    double maxGradNorm, double featureWeight, double logitWeight, double initStd, long seed, double checkpointMinutes,
    int logEvery, int teacherThreads, int teacherWorkers, WriterOptions export) {

  /** Validates. */
  public DistillConfig {
    checkArgument(epochs > 0, "epochs must be positive, got %s", epochs);
    checkArgument(batchSamples > 0, "batchSamples must be positive, got %s", batchSamples);
    checkArgument(teacherWorkers > 0, "teacherWorkers must be positive, got %s", teacherWorkers);
    checkArgument(featureWeight >= 0 && logitWeight >= 0 && featureWeight + logitWeight > 0,
        "loss weights must be >= 0 and not both 0");
  }

  /**
   * SpecVLM's loss (1.0 · SmoothL1 + 0.1 · soft CE) and AdamW β (0.9, 0.95) with: 8 conversations a step, peak
   * learning rate 1e-3 after 2 % warm-up with cosine decay to a tenth, no weight decay (as the paper), clip 1.0,
   * float16 export, a teacher of one ONNX Runtime thread with two passes in flight.
   */
  public static DistillConfig defaults(int epochs) {
    return new DistillConfig(epochs, 8, new LearningRateSchedule(1e-3, 0.02, 0.1), 0.0, 1.0, 1.0, 0.1, 0.02, 7L, 10,
        10, 1, 2, WriterOptions.defaults().withWeightStorage(WeightStorage.FLOAT16));
  }

  /** A copy with another number of epochs. */
  public DistillConfig withEpochs(int n) {
    return new DistillConfig(n, batchSamples, schedule, weightDecay, maxGradNorm, featureWeight, logitWeight, initStd,
        seed, checkpointMinutes, logEvery, teacherThreads, teacherWorkers, export);
  }

  /** A copy with another schedule. */
  public DistillConfig withSchedule(LearningRateSchedule s) {
    return new DistillConfig(epochs, batchSamples, s, weightDecay, maxGradNorm, featureWeight, logitWeight, initStd,
        seed, checkpointMinutes, logEvery, teacherThreads, teacherWorkers, export);
  }

  /** A copy with another batch size. */
  public DistillConfig withBatchSamples(int n) {
    return new DistillConfig(epochs, n, schedule, weightDecay, maxGradNorm, featureWeight, logitWeight, initStd,
        seed, checkpointMinutes, logEvery, teacherThreads, teacherWorkers, export);
  }

  /** A copy with another export setting. */
  public DistillConfig withExport(WriterOptions options) {
    return new DistillConfig(epochs, batchSamples, schedule, weightDecay, maxGradNorm, featureWeight, logitWeight,
        initStd, seed, checkpointMinutes, logEvery, teacherThreads, teacherWorkers, options);
  }
}
