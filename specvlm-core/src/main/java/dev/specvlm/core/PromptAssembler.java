package dev.specvlm.core;

import dev.specvlm.InferenceException;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.ModelLoadException;
import dev.specvlm.Prompt;
import dev.specvlm.core.accept.ModelOutputCheck;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.VisionEncoder;
import dev.specvlm.core.model.VisualFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link Prompt} into target input (DESIGN "One request, end to end", steps 1–2): BOS if the model has one,
 * the chat template's prefix, the parts in order (text tokenized, images expanded into their visual slots, raw tokens
 * verbatim), the template's suffix; then text embeddings with the visual embeddings merged into their slots.
 */
final class PromptAssembler {
  private record VisualSpan(int start, VisualFeatures features) {}

  private final ModelBundle bundle;
  private final ModelSpec spec;
  private int[] tokens = new int[64];
  private int size;
  private final List<VisualSpan> visuals = new ArrayList<>();
  private long visionNanos;

  PromptAssembler(ModelBundle bundle) {
    this.bundle = bundle;
    this.spec = bundle.spec();
  }

  /** Nanoseconds spent in the vision encoder by {@link #assemble}. */
  long visionNanos() {
    return visionNanos;
  }

  AssembledPrompt assemble(Prompt prompt) {
    if (spec.bosTokenId() != null) {
      append(spec.bosTokenId());
    }
    ModelSpec.@Nullable ChatTemplate template = prompt.chatTemplate() ? spec.chatTemplate() : null;
    if (template != null) {
      appendAll(bundle.tokenizer().encode(template.prefix()));
    }
    for (Prompt.Part part : prompt.parts()) {
      if (part instanceof Prompt.Text t) {
        appendAll(bundle.tokenizer().encode(t.text()));
      } else if (part instanceof Prompt.Image im) {
        appendImage(im, prompt.imageCount());
      } else if (part instanceof Prompt.Tokens tk) {
        appendAll(tk.ids());
      }
    }
    if (template != null) {
      appendAll(bundle.tokenizer().encode(template.suffix()));
    }
    if (size == 0) {
      throw new InvalidRequestException("the prompt produced no tokens (empty text, no BOS token, no chat template); "
          + "add text or token ids");
    }
    int vocab = spec.vocabSize();
    for (int i = 0; i < size; i++) {
      if (tokens[i] < 0 || tokens[i] >= vocab) {
        throw new InvalidRequestException("prompt token id " + tokens[i] + " at position " + i
            + " is outside the vocabulary [0, " + vocab + ") of model '" + spec.name()
            + "'; pass ids produced by this model's tokenizer");
      }
    }
    return new AssembledPrompt(Arrays.copyOf(tokens, size), embed(), size, visualCount(),
        visuals.stream().map(v -> new AssembledPrompt.VisualSpan(v.start(), v.features().tokens())).toList());
  }

  private void appendImage(Prompt.Image im, int imageCount) {
    VisionEncoder vision = bundle.vision();
    if (vision == null) {
      throw new InvalidRequestException("model '" + spec.name() + "' is text-only (no vision encoder), but the prompt "
          + "has " + imageCount + " image part(s); remove the images or load a vision-language model");
    }
    Integer imageToken = spec.imageTokenId();
    if (imageToken == null) {
      throw new ModelLoadException("model '" + spec.name() + "' has a vision encoder but no image token id in its "
          + "spec; the backend must set ModelSpec.imageTokenId");
    }
    long t0 = System.nanoTime();
    VisualFeatures f = vision.encode(im.image());
    visionNanos += System.nanoTime() - t0;
    int h = spec.hiddenSize();
    if (f.tokens() < 1 || f.embeddings().length < (long) f.tokens() * h) {
      throw new InferenceException("vision encoder returned " + f.tokens() + " visual slots with "
          + f.embeddings().length + " floats for " + im.image() + "; expected at least 1 slot and slots × H ("
          + h + ") floats");
    }
    ModelOutputCheck.requireFinite(f.embeddings(), 0, f.tokens() * h, "vision", "embedding", size, h);
    visuals.add(new VisualSpan(size, f));
    for (int i = 0; i < f.tokens(); i++) {
      append(imageToken);
    }
  }

  private int visualCount() {
    int n = 0;
    for (VisualSpan v : visuals) {
      n += v.features().tokens();
    }
    return n;
  }

  /** Embeds the text runs between visual spans and copies the visual rows in: {@code [size, H]}. */
  private float[] embed() {
    int h = spec.hiddenSize();
    float[] embeds = new float[size * h];
    int from = 0;
    for (VisualSpan v : visuals) {
      if (v.start() > from) {
        bundle.embedder().embed(tokens, from, v.start() - from, embeds, from * h);
      }
      int n = v.features().tokens();
      System.arraycopy(v.features().embeddings(), 0, embeds, v.start() * h, n * h);
      from = v.start() + n;
    }
    if (size > from) {
      bundle.embedder().embed(tokens, from, size - from, embeds, from * h);
    }
    return embeds;
  }

  private void append(int id) {
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
    }
    tokens[size++] = id;
  }

  private void appendAll(int[] ids) {
    for (int id : ids) {
      append(id);
    }
  }
}
