package dev.specvlm.train.distill;

import static dev.specvlm.onnx.reference.TensorNames.LOGITS;

import dev.specvlm.Device;
import dev.specvlm.GraphOptimization;
import dev.specvlm.ImageInput;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.TargetState;
import dev.specvlm.core.model.Tokenizer;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.core.model.VisualFeatures;
import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.OnnxModelBundle;
import dev.specvlm.spi.DecoderOptions;
import dev.specvlm.train.export.OnnxInitializers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The target of a model folder, loaded through the ONNX Runtime backend, as a teacher: it builds a conversation's
 * sequence exactly as the runtime builds a prompt (BOS, chat-template prefix, image slots, question, template suffix)
 * followed by the answer and the first end-of-sequence id, and runs the target over it in one teacher-forced pass.
 * Nothing is written to disk. Thread-safe (the sessions are); {@link #close()} releases them.
 */
public final class OnnxTeacher implements AutoCloseable {
  private final OnnxModelBundle bundle;
  private final ModelSpec spec;
  private final float[] lmHead; // [V, H]

  private OnnxTeacher(OnnxModelBundle bundle, float[] lmHead) {
    this.bundle = bundle;
    this.spec = bundle.spec();
    this.lmHead = lmHead;
  }

  /**
   * Loads {@code folder} on the CPU with {@code threads} intra-op threads (0: ONNX Runtime's choice) and reads the
   * LM head from the decoder's initializers.
   */
  public static OnnxTeacher load(Path folder, int threads) {
    OnnxModelBundle bundle = OnnxModelBundle.load(new DecoderOptions(folder, Device.cpu(), threads,
        GraphOptimization.ALL, null, List.of(), null));
    try {
      ModelManifest m = bundle.manifest();
      float[] head = OnnxInitializers.read(folder.resolve(m.decoder().file()))
          .lmHead(LOGITS, m.sizes().vocab(), m.sizes().hidden());
      return new OnnxTeacher(bundle, head);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /** The loaded folder's tokenizer. */
  public Tokenizer tokenizer() {
    return bundle.tokenizer();
  }

  /** The loaded folder's manifest. */
  public ModelManifest manifest() {
    return bundle.manifest();
  }

  /** H. */
  public int hidden() {
    return spec.hiddenSize();
  }

  /** V. */
  public int vocab() {
    return spec.vocabSize();
  }

  /** The target's LM head {@code [V, H]} (shared array: do not modify). */
  public float[] lmHead() {
    return lmHead;
  }

  /** Token embeddings of {@code ids} ({@code [n, H]}), from the target's embedding table. */
  public float[] embed(int[] ids) {
    float[] out = new float[ids.length * hidden()];
    bundle.embedder().embed(ids, 0, ids.length, out, 0);
    return out;
  }

  /** Runs the teacher over {@code c} (teacher forcing). */
  public TeacherPass run(Conversation c) {
    int h = hidden();
    int[] prefix = promptPrefix();
    int[] question = bundle.tokenizer().encode(c.question());
    ModelSpec.ChatTemplate template = spec.chatTemplate();
    int[] suffix = template == null ? new int[0] : bundle.tokenizer().encode(template.suffix());
    int[] answer = bundle.tokenizer().encode(c.answer());
    @Nullable VisualFeatures visual = null;
    Integer imageToken = spec.imageTokenId();
    if (c.image() != null) {
      VisionEncoder vision = bundle.vision();
      if (vision == null || imageToken == null) {
        throw new InvalidRequestException("model '" + spec.name() + "' has no vision encoder but the conversation"
            + " has an image; distil a text-only target on text-only conversations");
      }
      visual = vision.encode(ImageInput.of(c.image()));
    }
    int slots = visual == null ? 0 : visual.tokens();
    int answerStart = prefix.length + slots + question.length + suffix.length;
    int t = answerStart + answer.length + 1;
    int[] tokens = new int[t];
    int at = 0;
    System.arraycopy(prefix, 0, tokens, at, prefix.length);
    at += prefix.length;
    int imageStart = at;
    if (imageToken != null) {
      Arrays.fill(tokens, at, at + slots, imageToken);
    }
    at += slots;
    System.arraycopy(question, 0, tokens, at, question.length);
    at += question.length;
    System.arraycopy(suffix, 0, tokens, at, suffix.length);
    at += suffix.length;
    System.arraycopy(answer, 0, tokens, at, answer.length);
    tokens[t - 1] = spec.eosTokenIds().get(0);

    float[] embeds = new float[t * h];
    bundle.embedder().embed(tokens, 0, imageStart, embeds, 0);
    if (visual != null) {
      System.arraycopy(visual.embeddings(), 0, embeds, imageStart * h, slots * h);
    }
    int after = imageStart + slots;
    bundle.embedder().embed(tokens, after, t - after, embeds, after * h);

    int logitRows = t - answerStart + 1;
    float[] features = new float[t * h];
    float[] logits = new float[logitRows * vocab()];
    int[] positions = new int[t];
    for (int i = 0; i < t; i++) {
      positions[i] = i;
    }
    try (TargetState state = bundle.target().newState(t)) {
      state.forward(embeds, t, positions, new AttentionMask(t, t).setCausal(t), logitRows, logits, features);
    }
    return new TeacherPass(tokens, embeds, t, answerStart, features, logits);
  }

  /** BOS (if any) and the chat template's prefix. */
  private int[] promptPrefix() {
    ModelSpec.ChatTemplate chat = spec.chatTemplate();
    int[] template = chat == null ? new int[0] : bundle.tokenizer().encode(chat.prefix());
    Integer bos = spec.bosTokenId();
    if (bos == null) {
      return template;
    }
    int[] out = new int[template.length + 1];
    out[0] = bos;
    System.arraycopy(template, 0, out, 1, template.length);
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
