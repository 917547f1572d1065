"""Texts of the Home page: the question, scale invariance, the finding and the pilot's three steps."""

EN = {
    # home
    "home.title": "ScaleLab",
    "home.subtitle": "Does a network keep working when the signal is 1000 times weaker, or stronger?",
    "home.business": (
        "**What it means for your data.** A signal 1000 times weaker than anything in training — a small leak, a quiet "
        "machine — is still reconstructed by a network without bias terms; the usual network with bias terms fails there. "
        "And to pick out a few active sources from few sensors, one hidden layer is not enough, whatever its size; two are."
    ),
    "home.business.measured": "Measured here (the Lab's scenario “{scenario}”): at scale {scale} the network with bias terms errs {biased}, the same network without them {free}.",
    "home.business.measure_it": "Press the scenario “{scenario}” in the Lab and this page shows the measured numbers and their chart.",
    "home.invariance": (
        "**Scale invariance, like a drawing's scale bar.** Enlarge a drawing and every distance on it grows by the "
        "same factor. A *positively homogeneous* reconstruction behaves the same way: multiply the measurements by "
        "λ ≥ 0 and the answer is multiplied by λ, **f(λy) = λ·f(y)**.\n\n"
        "**Why no biases.** A ReLU network without bias terms has this property by construction: "
        "ReLU(λt) = λ·ReLU(t), layer after layer. A bias is a fixed offset that does not scale with the signal, so a "
        "network with biases can fail on signals far weaker or stronger than those it was trained on."
    ),
    "home.finding": (
        "**The finding** (Bamberger, Heckel, Krahmer, arXiv:2308.02836; J. Approx. Theory 2025, "
        "doi:10.1016/j.jat.2025.106177). To reconstruct sparse signals x from few measurements y = A·x, "
        "**one hidden layer is not enough, whatever its width; two hidden layers are.**"
    ),
    "home.finding.paper": (
        "**Stated in the paper:** a bias-free ReLU-type network with one hidden layer cannot recover even "
        "1-sparse vectors, whatever its width; one with two hidden layers can, to any precision, with an error "
        "bounded by a constant plus a term linear in the noise."
    ),
    "home.finding.proven": (
        "**Proven here:** on sign-symmetric isotropic signals the one-layer net's RMS relative error is at least "
        "√(1 − rank(A)/n), {floor} when there are half as many measurements as unknowns (its odd part is linear)."
    ),
    "home.finding.measured": (
        "**Measured here** (the Lab's default comparison, n = {n}, m = {m}, s = {s}, seed {seed}): one hidden layer "
        "{one}, two hidden layers {two}: at s = 1 training finds the two-layer solution."
    ),
    "home.finding.recorded": (
        "**Recorded here** ({date}, `{command}`): at s = {s} training with Adam stops short of the two-layer "
        "solution that exists — {two} after {steps} steps (n = {n}, m = {m}), where basis pursuit reaches {bp}. "
        "Existence is not training: at s ≥ 2 the Lab therefore trains two-layer nets with another recipe (Muon, "
        "about a minute), which comes much closer; its numbers are measured when you run it."
    ),
    "home.finding.measure_it": (
        "**Measured here:** not yet on this server — press “Train and compare” in the Lab and this line quotes the numbers."
    ),
    "home.finding.class": (
        "The statement is about bias-free ReLU-type networks: a one-layer net that divides the input by its size "
        "‖y‖ (and rescales the output) is scale-invariant too, but outside that class; the Lab shows it side by side."
    ),
    "home.to_lab": "See it in the Lab: one click, a few seconds",
    "home.to_theory": "Why? Six questions, answered live",
    "home.scenarios": "One-click scenarios for a meeting",
    "home.pilot": "A pilot in three steps",
    "home.step1": (
        "**1. Is the data scale-dependent?**  \nOn the Pilot page, upload paired samples of your process: ScaleLab "
        "trains a bias-free and a biased network on one range of magnitudes, tests them on another, and gives a verdict."
    ),
    "home.step1_link": "Check your own data",
    "home.step2": (
        "**2. One or two layers?**  \nTrain both side by side on small simulated data of your size (n unknowns, "
        "m measurements, s active sources) and see which one reconstructs."
    ),
    "home.step2_link": "Prototype one vs two layers",
    "home.step3": (
        "**3. What does it cost?**  \nThe Cost page turns the measured training time and reconstruction speed of "
        "each model and classical decoder into a monthly cost for your volumes."
    ),
    "home.step3_link": "Estimate the cost",
}

JA = {
    "home.title": "ScaleLab",
    "home.subtitle": "信号が1000倍弱く、あるいは強くなっても、ネットワークは働き続けるか？",
    "home.business": (
        "**ご自身のデータにとっての意味。** 学習時より1000倍弱い信号（小さな漏れ、静かな機械）でも、バイアス項のないネットワークは"
        "正しく復元します。通常のバイアス項のあるネットワークはそこで失敗します。そして、少ないセンサーから少数の発生源を見つけるには、"
        "隠れ層1層ではどんな大きさでも足りず、2層なら足ります。"
    ),
    "home.business.measured": "ここで実測（ラボのシナリオ「{scenario}」）：スケール{scale}では、バイアス項のあるネットワークの誤差は {biased}、同じネットワークでバイアス項がないものは {free} です。",
    "home.business.measure_it": "ラボでシナリオ「{scenario}」を押すと、このページに実測値とそのグラフが表示されます。",
    "home.invariance": (
        "**スケール不変性は、図面の縮尺のようなもの。** 図面を拡大すれば、図上のすべての距離が同じ倍率で伸びます。"
        "*正の斉次性*をもつ復元も同じです。測定値をλ倍（λ ≥ 0）すれば答えもλ倍になります："
        "**f(λy) = λ·f(y)**。\n\n"
        "**なぜバイアスなしか。** バイアス項のないReLUネットワークは、構造上この性質をもちます："
        "ReLU(λt) = λ·ReLU(t) が層ごとに成り立つからです。バイアスは信号の大きさに合わせて伸び縮みしない"
        "固定のずれなので、バイアスのあるネットワークは、学習時よりずっと弱い・強い信号で失敗することがあります。"
    ),
    "home.finding": (
        "**研究の結論**（Bamberger, Heckel, Krahmer, arXiv:2308.02836; J. Approx. Theory 2025, "
        "doi:10.1016/j.jat.2025.106177）。少ない測定 y = A·x からスパースな信号 x を復元するには、"
        "**隠れ層1層では、幅をいくら広げても足りません。隠れ層2層なら足ります。**"
    ),
    "home.finding.paper": (
        "**論文の主張：** バイアスなしのReLU型ネットワークは、隠れ層1層では幅をいくら広げても非ゼロ1個の信号さえ"
        "復元できません。隠れ層2層なら任意の精度で復元でき、誤差は定数とノイズに比例する項の和で抑えられます。"
    ),
    "home.finding.proven": (
        "**ここで証明済み：** 符号が対称で等方的な信号では、1層ネットワークのRMS相対誤差は √(1 − rank(A)/n) "
        "以上です。測定数が未知数の半分なら {floor} です（奇関数部分が線形になるため）。"
    ),
    "home.finding.measured": (
        "**ここで実測：**（ラボの既定の比較、n = {n}、m = {m}、s = {s}、シード {seed}）隠れ層1層は {one}、"
        "隠れ層2層は {two} です。s = 1 では学習で2層の解が見つかります。"
    ),
    "home.finding.recorded": (
        "**ここで記録：**（{date}、`{command}`）s = {s} では Adam による学習は2層の解に届かずに止まります。"
        "{steps} ステップ学習した隠れ層2層の誤差は {two}（n = {n}、m = {m}）、基底追跡は {bp} です。"
        "解が存在することと、学習で見つかることは別です。そのためラボでは s ≥ 2 の2層ネットを別の学習法"
        "（Muon、約1分）で学習し、ずっと近づきます。その数値は実行したときに実測されます。"
    ),
    "home.finding.measure_it": (
        "**ここで実測：** このサーバーではまだ測っていません。ラボで「学習して比較」を押すと、この行に数値が入ります。"
    ),
    "home.finding.class": (
        "この主張の対象はバイアスなしのReLU型ネットワークです。入力をその大きさ‖y‖で割る（出力を‖y‖倍する）"
        "1層ネットワークもスケール不変ですが、その対象外です。ラボで並べて比べられます。"
    ),
    "home.to_lab": "ラボで確かめる：ワンクリック、数秒",
    "home.to_theory": "なぜ？ 6つの問いにその場で答えます",
    "home.scenarios": "会議用のワンクリック・シナリオ",
    "home.pilot": "3ステップのパイロット",
    "home.step1": (
        "**1. データはスケールに依存するか？**  \nパイロットのページでプロセスの対のサンプルをアップロードすると、"
        "ある大きさの範囲でバイアスなし・ありのネットワークを学習させ、別の範囲でテストして判定します。"
    ),
    "home.step1_link": "自社データを確かめる",
    "home.step2": (
        "**2. 1層か2層か？**  \n自社の規模（未知数 n、測定数 m、同時に起きる事象 s）の小さな模擬データで"
        "両方を並べて学習させ、どちらが復元できるかを見ます。"
    ),
    "home.step2_link": "1層と2層を試作する",
    "home.step3": (
        "**3. いくらかかるか？**  \nコストのページで、各モデルと従来の復元法の実測の学習時間と復元速度を、"
        "自社の処理量での月額コストに換算します。"
    ),
    "home.step3_link": "コストを見積もる",
}
