package org.twice.worker.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The network families a spec may name, by their spec word. */
public enum Architecture {
  /** Two hidden dense layers of width units. */
  MLP("mlp"),
  /** Three convolutions of width, 2 width and 4 width filters. */
  CNN("cnn"),
  /** Four convolutions with batch norm of width, 2, 4 and 8 times width filters. */
  CNN5("cnn5"),
  /** Pre-activation ResNet-18 with width, 2, 4 and 8 times width filters; 64 is the usual. */
  RESNET18("resnet18"),
  /** VGG-11 with batch norm, its filters scaled by width / 64. */
  VGG("vgg"),
  /** A DenseNet of three dense blocks whose layers each add width channels. */
  DENSENET("densenet"),
  /** A small vision transformer on 4x4 patches; width is the size of each token. */
  VIT("vit"),
  /** An MLP-Mixer on 4x4 patches; width is the size of each token. */
  MLPMIXER("mlpmixer");

  private final String specName;

  Architecture(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<Architecture> bySpecName(String name) {
    return Arrays.stream(values()).filter(a -> a.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(Architecture::specName).toList();
  }
}
