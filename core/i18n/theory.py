"""Texts of the Theory page: the six questions, their claims and their charts."""

EN = {
    "theory.title": "Why does depth matter?",
    "theory.intro": (
        "Each question below is answered live by networks trained on this server (n = 32 unknowns, m = 16 "
        "measurements, 1 nonzero), next to the reason. Every claim says how sure it is: proven, measured here, "
        "or stated in the paper (Bamberger, Heckel, Krahmer, arXiv:2308.02836; J. Approx. Theory 2025, doi:10.1016/j.jat.2025.106177). The paper's statement is about "
        "bias-free ReLU-type networks; a net that divides by ‖y‖ (the Lab's normalised one-layer net) is outside "
        "that class and scale-invariant by construction."
    ),
    "theory.q.scale": "Does the answer scale with the signal?",
    "theory.q.one_layer": "Why can't one hidden layer do it?",
    "theory.q.activations": "Which activations keep scale invariance?",
    "theory.q.sign": "Does the sign of the signal matter?",
    "theory.q.noise": "What does noise do?",
    "theory.q.bias": "Bias vs scale: networks and classical methods",
    "theory.badge.proven": "proven",
    "theory.badge.measured": "measured here",
    "theory.badge.paper": "stated in the paper",
    "theory.computing": "{what} (a few seconds, once: then every visitor gets it instantly)…",
    "theory.failed": "This answer could not be computed: {detail}",
    "theory.yes": "yes",
    "theory.no": "no",
    "theory.net.bias-free": "2 hidden layers, bias-free",
    "theory.net.with bias": "2 hidden layers, with bias",
    "theory.net.depth2": "2 hidden layers",
    "theory.scale.proven": (
        "A bias-free ReLU net satisfies f(λy) = λ·f(y) for every λ ≥ 0, because ReLU(λt) = λ·ReLU(t) layer after "
        "layer; a bias adds an offset that does not scale."
    ),
    "theory.scale.what": "Training a bias-free and a biased two-layer net",
    "theory.scale.lambda": "λ (scale of the input)",
    "theory.scale.gap_free": "Bias-free: gap at this λ",
    "theory.scale.gap_bias": "With bias: gap at this λ",
    "theory.scale.measured": "The gap stays at float precision for the bias-free net at every λ:",
    "theory.odd.proven": (
        "For one hidden layer g(y) = W₂·ReLU(W₁y), and ReLU(t) − ReLU(−t) = t, so **g(y) − g(−y) = W₂W₁y: the odd "
        "part is linear**, at any width.\n\n"
        "1. Signed signals come in pairs x and −x; the net must send Ax to x and −Ax to −x.\n"
        "2. The difference of those two answers is the linear map W₂W₁ applied to Ax, and a linear map of rank "
        "≤ m cannot recover n > m unknowns.\n"
        "3. So on sign-symmetric isotropic signals the RMS relative error can never go below √(1 − rank(A)/n), "
        "whatever the width: the floor. It bounds the average over the signals; a single signal may do better."
    ),
    "theory.odd.what": "Training a one-hidden-layer net",
    "theory.odd.trained": "Trained one-layer error",
    "theory.odd.floor": "Floor √(1 − rank(A)/n)",
    "theory.odd.measured": (
        "The trained net's odd part f(y) − f(−y) differs from the linear map W₂W₁y by at most {diff} (float "
        "rounding), and its RMS relative error is {error} against the proven floor {floor}."
    ),
    "theory.odd.paper": (
        "Two hidden layers escape it: the paper proves that such networks exist, recovering to any precision. "
        "It does not say that training finds them; the Lab measures whether it does."
    ),
    "theory.act.proven": (
        "Two separate properties. **Scale invariance**: σ(λt) = λσ(t) for λ ≥ 0 holds exactly for "
        "σ(t) = a·max(t,0) − b·max(−t,0) (ReLU, leaky ReLU, |t|), and then f(λy) = λf(y) layer after layer. "
        "**The one-layer floor** needs only a linear odd part, σ(t) − σ(−t) = c·t: then g(y) − g(−y) = c·W₂W₁y and "
        "the floor argument runs at each scale on its own, so it holds for GELU, softplus and SiLU too (c = 1), "
        "although they are not scale-invariant; not for tanh, sigmoid, ELU. With c = 0 (|t|) the first layer is "
        "even, so the whole net is even, f(−y) = f(y), and on signed signals its error is at least 1 at any depth: "
        "(‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖²."
    ),
    "theory.act.what": "Measuring every activation",
    "theory.act.col_name": "activation",
    "theory.act.col_homog": "scale-invariant (f(λy) = λf(y))",
    "theory.act.col_homog_why": "why (scale)",
    "theory.act.col_error": "homogeneity error",
    "theory.act.col_floor": "one-layer floor applies (odd part linear)",
    "theory.act.col_floor_why": "why (odd part)",
    "theory.act.col_floor_value": "floor",
    "theory.act.col_one_layer": "trained one-layer error",
    "theory.act.odd_yes": "yes: σ(t) − σ(−t) = {c}·t",
    "theory.act.why_homog.relu": "max(λt, 0) = λ·max(t, 0)",
    "theory.act.why_homog.leaky_relu": "max(t,0) − 0.1·max(−t,0): both parts scale with λ",
    "theory.act.why_homog.abs": "|λt| = λ|t|",
    "theory.act.why_homog.tanh": "saturates at ±1: tanh(λt) ≠ λ·tanh(t)",
    "theory.act.why_homog.sigmoid": "sigmoid(0) = ½ ≠ 0",
    "theory.act.why_homog.gelu": "t·Φ(t): Φ(λt) ≠ Φ(t)",
    "theory.act.why_homog.elu": "eᵗ − 1 for t < 0: bounded below by −1",
    "theory.act.why_homog.softplus": "softplus(0) = log 2 ≠ 0",
    "theory.act.why_homog.silu": "t·s(t) with s the sigmoid: s(λt) ≠ s(t)",
    "theory.act.why_odd.relu": "ReLU(t) − ReLU(−t) = t",
    "theory.act.why_odd.leaky_relu": "for t > 0: t − (−0.1·t) = 1.1·t (and odd)",
    "theory.act.why_odd.abs": "|t| − |−t| = 0: even, so error ≥ 1 at every depth",
    "theory.act.why_odd.tanh": "2·tanh(t): not linear",
    "theory.act.why_odd.sigmoid": "tanh(t/2): not linear",
    "theory.act.why_odd.gelu": "t·Φ(t) + t·Φ(−t) = t",
    "theory.act.why_odd.elu": "t − (e^(−t) − 1) for t > 0: not linear",
    "theory.act.why_odd.softplus": "log((1 + eᵗ)/(1 + e⁻ᵗ)) = t",
    "theory.act.why_odd.silu": "t·s(t) + t·s(−t) = t",
    "theory.act.measured": (
        "Homogeneity error of a random bias-free two-layer net (float64, λ from 1e-4 to 1e4); one-layer error after "
        "400 steps at the training scales, next to the floor its row proves ({floor} for the ReLU family). "
        "tanh, sigmoid and ELU are bound by no floor and may dip below {floor}, but they are not scale-invariant."
    ),
    "theory.sign.proven": (
        "The floor needs sign-symmetric signals: with nonnegative amplitudes −Ax never occurs, so nothing forces "
        "the odd part to do any work."
    ),
    "theory.sign.what": "Training four nets",
    "theory.sign.measured": (
        "With nonnegative 1-sparse signals one hidden layer reconstructs ({error} error), far below the signed "
        "floor {floor}."
    ),
    "theory.sign.measured_close": (
        "With nonnegative 1-sparse signals one hidden layer reaches {error} error, against the signed floor {floor}."
    ),
    "theory.noise.paper": (
        "With two hidden layers the error is bounded by a small constant plus a term linear in the noise level."
    ),
    "theory.noise.what": "Training two nets with noise and running basis pursuit",
    "theory.noise.measured": (
        "Nets trained at noise {train_noise}, tested at each level. Two layers: {clean} without noise, then "
        "growing by about {slope} per unit of noise level. {one_layer}"
    ),
    "theory.noise.one_above": "One layer stays on or above its floor at every level.",
    "theory.noise.one_below": "One layer dips below the noise-free floor at some level (sampling noise of the estimate).",
    "theory.bias.proven": (
        "Basis pursuit is scale-invariant (even odd); LASSO with a fixed λ is not: x̂_λ(cy) = c·x̂_(λ/c)(y), so at "
        "small scales the fixed penalty wins and it returns 0."
    ),
    "theory.bias.measured": (
        "Trained on scales 0.5–2 only. At large scales the fixed-λ LASSO's penalty becomes negligible (1e-6 at "
        "scale 1000) and it tends to basis pursuit; at small scales the penalty wins and it returns 0. The nets "
        "need no penalty to tune: the bias-free one is flat, the biased one is not."
    ),
    "theory.chart.scaled_title": "Output for the input scaled by λ = {lam}, divided by λ: on the line = scale-invariant",
    "theory.chart.output_x": "output entry (index)",
    "theory.chart.gap_title": "How far f(λy) is from λ·f(y)",
    "theory.chart.gap_y": "relative gap (log)",
    "theory.chart.scale_title": "Error at every test scale",
    "theory.chart.diagonal": "diagonal",
    "theory.chart.entries": "output entries of 40 signals",
    "theory.chart.odd_title": "A trained one-layer net's odd part is linear",
    "theory.chart.signed_floor": "signed floor {floor:.3f}",
    "theory.chart.sign_title": "Signed vs nonnegative signals",
    "theory.chart.bp_noisy": "Basis pursuit (LASSO with λ ∝ ‖y‖)",
    "theory.chart.noise_floor": "one-layer floor without noise {floor:.3f}",
    "theory.chart.noise_title": "Error against measurement noise",
    "theory.chart.noise_x": "relative noise level ‖e‖/‖Ax‖",
}

JA = {
    "theory.title": "なぜ深さが効くのか？",
    "theory.intro": (
        "以下の問いには、このサーバーで学習させたネットワーク（未知数 n = 32、測定数 m = 16、非ゼロ1個）が"
        "その場で答え、理由を添えます。各主張には確かさを明記しています：証明済み、ここで実測、論文の記述"
        "（Bamberger, Heckel, Krahmer, arXiv:2308.02836; J. Approx. Theory 2025, doi:10.1016/j.jat.2025.106177）。論文の主張が対象とするのはバイアスなしのReLU型"
        "ネットワークです。‖y‖で割るネットワーク（ラボの「入力を正規化した1層ネット」）はその対象外で、"
        "構成上スケール不変です。"
    ),
    "theory.q.scale": "答えは信号の大きさに比例するか？",
    "theory.q.one_layer": "なぜ隠れ層1層ではできないのか？",
    "theory.q.activations": "どの活性化関数ならスケール不変か？",
    "theory.q.sign": "信号の符号は関係するか？",
    "theory.q.noise": "ノイズがあるとどうなるか？",
    "theory.q.bias": "バイアスとスケール：ネットワークと従来の復元法",
    "theory.badge.proven": "証明済み",
    "theory.badge.measured": "ここで実測",
    "theory.badge.paper": "論文の記述",
    "theory.computing": "{what}（数秒、最初の1回だけ。以後は全員が即座に見られます）…",
    "theory.failed": "この答えは計算できませんでした：{detail}",
    "theory.yes": "はい",
    "theory.no": "いいえ",
    "theory.net.bias-free": "隠れ層2層・バイアスなし",
    "theory.net.with bias": "隠れ層2層・バイアスあり",
    "theory.net.depth2": "隠れ層2層",
    "theory.scale.proven": (
        "バイアスなしのReLUネットワークは、すべての λ ≥ 0 で f(λy) = λ·f(y) を満たします。"
        "ReLU(λt) = λ·ReLU(t) が層ごとに成り立つからです。バイアスは大きさに比例しないずれを加えます。"
    ),
    "theory.scale.what": "バイアスなし・ありの2層ネットワークを学習中",
    "theory.scale.lambda": "λ（入力のスケール）",
    "theory.scale.gap_free": "バイアスなし：このλでのずれ",
    "theory.scale.gap_bias": "バイアスあり：このλでのずれ",
    "theory.scale.measured": "バイアスなしのネットワークのずれは、どのλでも浮動小数点の精度にとどまります：",
    "theory.odd.proven": (
        "隠れ層1層では g(y) = W₂·ReLU(W₁y) で、ReLU(t) − ReLU(−t) = t なので、幅によらず "
        "**g(y) − g(−y) = W₂W₁y、つまり奇関数部分は線形**です。\n\n"
        "1. 符号ありの信号は x と −x が対で現れ、ネットワークは Ax を x に、−Ax を −x に写す必要があります。\n"
        "2. その2つの答えの差は Ax に線形写像 W₂W₁ を掛けたもので、ランク m 以下の線形写像では "
        "n > m 個の未知数を復元できません。\n"
        "3. したがって、符号が対称で等方的な信号では、幅によらずRMS相対誤差は √(1 − rank(A)/n) を下回れません。"
        "これが下限です。信号全体での平均についての下限で、個々の信号ではこれより良いこともあります。"
    ),
    "theory.odd.what": "隠れ層1層のネットワークを学習中",
    "theory.odd.trained": "学習した1層の誤差",
    "theory.odd.floor": "下限 √(1 − rank(A)/n)",
    "theory.odd.measured": (
        "学習したネットワークの奇関数部分 f(y) − f(−y) と線形写像 W₂W₁y の差は最大 {diff}（浮動小数点の丸め誤差）で、"
        "RMS相対誤差は {error}、証明済みの下限は {floor} です。"
    ),
    "theory.odd.paper": (
        "隠れ層2層ならこの下限を抜け出せます：論文は、任意の精度で復元するそのようなネットワークが存在することを"
        "証明しています。学習でそれが見つかるかどうかは論文の対象外で、ラボで実測できます。"
    ),
    "theory.act.proven": (
        "2つの別々の性質です。**スケール不変性**：λ ≥ 0 で σ(λt) = λσ(t) が厳密に成り立つのは "
        "σ(t) = a·max(t,0) − b·max(−t,0) の形（ReLU、Leaky ReLU、|t|）だけで、そのとき層ごとに f(λy) = λf(y) です。"
        "**1層の下限**に必要なのは奇関数部分が線形であること、σ(t) − σ(−t) = c·t だけです。このとき "
        "g(y) − g(−y) = c·W₂W₁y となり、下限の議論はスケールごとに独立に成り立つので、スケール不変でない GELU、"
        "softplus、SiLU（c = 1）でも成り立ちます。tanh、シグモイド、ELU では成り立ちません。c = 0（|t|）では第1層が"
        "偶関数なのでネットワーク全体も偶関数 f(−y) = f(y) となり、符号ありの信号ではどの深さでも誤差は1以上です："
        "(‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖²。"
    ),
    "theory.act.what": "すべての活性化関数を測定中",
    "theory.act.col_name": "活性化関数",
    "theory.act.col_homog": "スケール不変（f(λy) = λf(y)）",
    "theory.act.col_homog_why": "理由（スケール）",
    "theory.act.col_error": "斉次性誤差",
    "theory.act.col_floor": "1層の下限が成り立つか（奇関数部分が線形）",
    "theory.act.col_floor_why": "理由（奇関数部分）",
    "theory.act.col_floor_value": "下限",
    "theory.act.col_one_layer": "学習した1層の誤差",
    "theory.act.odd_yes": "はい：σ(t) − σ(−t) = {c}·t",
    "theory.act.why_homog.relu": "max(λt, 0) = λ·max(t, 0)",
    "theory.act.why_homog.leaky_relu": "max(t,0) − 0.1·max(−t,0)：どちらの部分もλ倍になる",
    "theory.act.why_homog.abs": "|λt| = λ|t|",
    "theory.act.why_homog.tanh": "±1で飽和する：tanh(λt) ≠ λ·tanh(t)",
    "theory.act.why_homog.sigmoid": "sigmoid(0) = ½ ≠ 0",
    "theory.act.why_homog.gelu": "t·Φ(t)：Φ(λt) ≠ Φ(t)",
    "theory.act.why_homog.elu": "t < 0 で eᵗ − 1：下は −1 で有界",
    "theory.act.why_homog.softplus": "softplus(0) = log 2 ≠ 0",
    "theory.act.why_homog.silu": "t·s(t)（s はシグモイド）：s(λt) ≠ s(t)",
    "theory.act.why_odd.relu": "ReLU(t) − ReLU(−t) = t",
    "theory.act.why_odd.leaky_relu": "t > 0 で t − (−0.1·t) = 1.1·t（奇関数）",
    "theory.act.why_odd.abs": "|t| − |−t| = 0：偶関数なので、どの深さでも誤差 ≥ 1",
    "theory.act.why_odd.tanh": "2·tanh(t)：線形でない",
    "theory.act.why_odd.sigmoid": "tanh(t/2)：線形でない",
    "theory.act.why_odd.gelu": "t·Φ(t) + t·Φ(−t) = t",
    "theory.act.why_odd.elu": "t > 0 で t − (e^(−t) − 1)：線形でない",
    "theory.act.why_odd.softplus": "log((1 + eᵗ)/(1 + e⁻ᵗ)) = t",
    "theory.act.why_odd.silu": "t·s(t) + t·s(−t) = t",
    "theory.act.measured": (
        "斉次性誤差はランダムなバイアスなし2層ネットワークで測定（float64、λは1e-4〜1e4）。1層の誤差は学習スケールで"
        "400ステップ学習後の値で、各行が証明する下限と並べています（ReLU系では {floor}）。tanh、シグモイド、ELU には"
        "下限がなく {floor} を下回ることがありますが、スケール不変ではありません。"
    ),
    "theory.sign.proven": (
        "下限には正負対称な信号が必要です。振幅が非負なら −Ax は現れないので、奇関数部分が何かをする必要はありません。"
    ),
    "theory.sign.what": "4つのネットワークを学習中",
    "theory.sign.measured": (
        "非負で非ゼロ1個の信号なら、隠れ層1層でも復元できます（誤差 {error}）。符号ありの下限 {floor} を大きく"
        "下回ります。"
    ),
    "theory.sign.measured_close": "非負で非ゼロ1個の信号では、隠れ層1層の誤差は {error}、符号ありの下限は {floor} です。",
    "theory.noise.paper": "隠れ層2層なら、誤差は小さな定数とノイズの大きさに比例する項の和で抑えられます。",
    "theory.noise.what": "ノイズありで2つのネットワークを学習し、基底追跡を実行中",
    "theory.noise.measured": (
        "ノイズ {train_noise} で学習し、各ノイズレベルでテストしました。2層：ノイズなしで {clean}、"
        "その後はノイズレベル1あたり約 {slope} の割合で増えます。{one_layer}"
    ),
    "theory.noise.one_above": "1層はどのレベルでも下限以上にとどまります。",
    "theory.noise.one_below": "1層がノイズなしの下限を下回るレベルがあります（推定のばらつきによるもの）。",
    "theory.bias.proven": (
        "基底追跡はスケール不変（さらに奇関数）です。λ固定のLASSOはそうではありません："
        "x̂_λ(cy) = c·x̂_(λ/c)(y) なので、小さなスケールでは固定ペナルティが勝ち、0を返します。"
    ),
    "theory.bias.measured": (
        "学習はスケール0.5〜2のみ。大きなスケールではλ固定LASSOの実効ペナルティは無視できるほど小さくなり"
        "（スケール1000で1e-6）、基底追跡に近づきます。小さなスケールではペナルティが勝ち、0を返します。"
        "ネットワークには調整すべきペナルティがありません。バイアスなしは平坦、バイアスありは平坦ではありません。"
    ),
    "theory.chart.scaled_title": "入力をλ = {lam}倍したときの出力をλで割った値：線上なら スケール不変",
    "theory.chart.output_x": "出力の成分（番号）",
    "theory.chart.gap_title": "f(λy) と λ·f(y) のずれ",
    "theory.chart.gap_y": "相対的なずれ（対数）",
    "theory.chart.scale_title": "テストスケールごとの誤差",
    "theory.chart.diagonal": "対角線",
    "theory.chart.entries": "40個の信号の出力成分",
    "theory.chart.odd_title": "学習した1層ネットワークの奇関数部分は線形",
    "theory.chart.signed_floor": "符号ありの下限 {floor:.3f}",
    "theory.chart.sign_title": "符号ありと非負の信号",
    "theory.chart.bp_noisy": "基底追跡（λ ∝ ‖y‖ のLASSO）",
    "theory.chart.noise_floor": "ノイズなしの1層の下限 {floor:.3f}",
    "theory.chart.noise_title": "測定ノイズに対する誤差",
    "theory.chart.noise_x": "相対ノイズレベル ‖e‖/‖Ax‖",
}
