"""Texts of the Pilot's step 1, "Is my data scale-dependent?" (core/experiments/scalecheck.py): verdicts and their reasons."""

EN = {
    "scalecheck.verdict.scale-consistent": "Scale-consistent: a bias-free network fits this process",
    "scalecheck.verdict.not-homogeneous": "Not homogeneous: use a conventional network with bias terms",
    "scalecheck.reason.homogeneous": "Over the {decades:.1f} decades of input magnitude in your data, the outputs grow in proportion to the inputs, f(λx) = λ·f(x): homogeneity score {score:.2f} (1 = perfectly proportional).",
    "scalecheck.reason.not_homogeneous": "Over the {decades:.1f} decades of input magnitude in your data, the outputs do not grow in proportion to the inputs: homogeneity score {score:.2f} (1 = perfectly proportional), the signature of an offset, a threshold or saturation.",
    "scalecheck.reason.extrapolation": "Trained on the smaller half of the magnitudes and tested on the larger half, and the other way round, a bias-free network errs by {bias_free:.1%} on average, one with bias terms by {biased:.1%}.",
    "scalecheck.advice.bias_free": "A bias-free design is recommended: it keeps working at magnitudes outside the range it was trained on.",
    "scalecheck.advice.biased": "A conventional network with bias terms is the right choice here: a bias-free one would force the output to zero at zero input and to grow in proportion to it, which this process does not do.",
    "scalecheck.advice.narrow": "Caution: the inputs span only {decades:.1f} decades of magnitude, so this check says little about other operating points; collect samples at smaller and larger magnitudes before deciding.",
    "scalecheck.error.shape": "The chosen columns do not form a table of samples: pick at least one input and one output column.",
    "scalecheck.error.not_finite": "{rows} rows have empty or non-numeric values in the chosen columns; remove or fill them.",
    "scalecheck.error.too_few": "At least {need} samples are needed; the file has {got}.",
    "scalecheck.error.too_few_outputs": "At least {need} samples with a nonzero output are needed (relative errors are undefined at zero); the file has {got}.",
    "scalecheck.error.zero_inputs": "Every sample with a nonzero output has a zero input, so the input scale is undefined.",
}

JA = {
    "scalecheck.verdict.scale-consistent": "スケール整合：バイアスなしネットワークがこのプロセスに適しています",
    "scalecheck.verdict.not-homogeneous": "非斉次：バイアス項のある通常のネットワークを使ってください",
    "scalecheck.reason.homogeneous": "データに含まれる入力の大きさ {decades:.1f} 桁の範囲で、出力は入力に比例して変化します（f(λx) = λ·f(x)）。斉次性スコア {score:.2f}（1 = 完全に比例）。",
    "scalecheck.reason.not_homogeneous": "データに含まれる入力の大きさ {decades:.1f} 桁の範囲で、出力は入力に比例して変化しません。斉次性スコア {score:.2f}（1 = 完全に比例）で、オフセット、しきい値または飽和があることを示しています。",
    "scalecheck.reason.extrapolation": "大きさの小さい半分で学習して大きい半分で試験し、その逆も行うと、誤差の平均はバイアスなしネットワークで {bias_free:.1%}、バイアス項ありで {biased:.1%} です。",
    "scalecheck.advice.bias_free": "バイアスなしの設計を推奨します。学習した範囲の外の大きさでも性能が保たれます。",
    "scalecheck.advice.biased": "ここではバイアス項のある通常のネットワークが適切です。バイアスなしにすると、入力ゼロで出力ゼロ、かつ入力に比例した出力を強制しますが、このプロセスはそのように振る舞いません。",
    "scalecheck.advice.narrow": "注意：入力の大きさは {decades:.1f} 桁しか変化していないため、この診断では他の運転点での挙動はほとんど分かりません。判断の前に、より小さい・より大きい大きさでのサンプルを集めてください。",
    "scalecheck.error.shape": "選んだ列がサンプルの表になっていません。入力列と出力列を少なくとも1つずつ選んでください。",
    "scalecheck.error.not_finite": "選んだ列の {rows} 行に空欄または数値でない値があります。削除するか値を入れてください。",
    "scalecheck.error.too_few": "少なくとも {need} 件のサンプルが必要ですが、このファイルには {got} 件しかありません。",
    "scalecheck.error.too_few_outputs": "出力がゼロでないサンプルが少なくとも {need} 件必要です（ゼロでは相対誤差が定義できません）。このファイルには {got} 件しかありません。",
    "scalecheck.error.zero_inputs": "出力がゼロでないサンプルの入力がすべてゼロのため、入力の大きさが定まりません。",
}
