/** Online-logit distillation of EagleVLM drafts and the recipe of the bundled tiny model. */
@NullMarked
package dev.specvlm.train;

import org.jspecify.annotations.NullMarked;
