"""Texts of the Images page (a denoiser with and without biases on photographs) and of a photograph ScaleLab
cannot read (image.err.*) or had to change (image.done.*)."""

EN = {
    "images.title": "Does a denoiser still work at noise levels it never saw?",
    "images.intro": (
        "Two convolutional denoisers, the same in every way but one: the first has bias terms, the second has none. "
        "Both learn to remove noise from patches of photographs at the noise levels σ you choose, then clean a "
        "photograph they never saw, at every noise level up to 100. Without biases the network is scale-invariant: "
        "twice the noise in, twice the correction out."
    ),
    "images.photo": "Photograph (held out of training)",
    "images.photo.camera": "Photographer with camera",
    "images.photo.astronaut": "Astronaut (NASA)",
    "images.photo.coffee": "Coffee cup",
    "images.photo.chelsea": "Chelsea the cat",
    "images.photo.rocket": "Rocket launch (SpaceX)",
    "images.photo.upload": "My own photograph…",
    "images.upload": "PNG, JPEG or TIFF photograph",
    "images.upload_help": (
        "It stays in this browser session and is never stored; colour is turned to gray. The nets train on the five "
        "built-in photographs and are judged on yours."
    ),
    "images.upload_read": "Read {width}×{height}.",
    "images.train_sigma": "Training noise σ (of 255)",
    "images.train_sigma_help": "The nets see only this noise range while they learn; the chart shades it.",
    "images.test_sigma": "Show the photographs at noise σ",
    "images.training": "Training",
    "images.steps": "Training steps per net",
    "images.max_seconds": "Time budget per net (s)",
    "images.seed": "Seed",
    "images.run": "Train both denoisers",
    "images.none_yet": "Press the button: both nets train here, one after the other, on one core of this server.",
    "images.progress.0": "With biases: step {step} of {steps} · {elapsed:.0f} s",
    "images.progress.1": "Bias-free: step {step} of {steps} · {elapsed:.0f} s",
    "images.waiting": "Waiting for a free training slot…",
    "images.busy": "Every training slot of this server is busy; try again in a minute.",
    "images.failed": "The training failed: {error}",
    "images.replayed": "Stored result of this setting: shown at once, trained earlier on this server.",
    "images.headline": (
        "At noise σ = {sigma:g}, after training on σ {lo:g}–{hi:g}: the bias-free net gives {free:.1f} dB, the net "
        "with biases {biased:.1f} dB — {gap:+.1f} dB for removing the biases."
    ),
    "images.headline_metric": "Bias-free minus with biases, σ = {sigma:g}",
    "images.clean": "Clean",
    "images.noisy": "Noisy, σ = {sigma:g}: {db:.1f} dB",
    "images.out.biased": "With biases: {db:.1f} dB",
    "images.out.free": "Bias-free: {db:.1f} dB",
    "images.net.noisy": "Noisy input",
    "images.net.biased": "With biases",
    "images.net.free": "Bias-free",
    "images.chart_title": "PSNR against the noise level (higher is better)",
    "images.chart_x": "Noise σ (of 255)",
    "images.chart_y": "PSNR (dB)",
    "images.chart_range": "Training range",
    "images.homog.title": "The property itself: scale the input, and the output scales with it",
    "images.homog.alpha": "Scale α of the noisy photograph",
    "images.homog.free": "Bias-free: ‖f(αy) − α·f(y)‖ / ‖α·f(y)‖ = {err} at α = {alpha:g} (measured).",
    "images.homog.biased": (
        "With biases: {err} at α = {alpha:g} (measured) — the biases do not scale, so its output is not the scaled "
        "output."
    ),
    "images.homog.proven": (
        "Proven: without biases every convolution is linear and ReLU(αt) = α·ReLU(t) for α ≥ 0, so f(α·y) = α·f(y) "
        "for the whole network; a bias term does not scale, and breaks it."
    ),
    "images.homog.where": "Measured on the held-out photograph with noise σ = {sigma:g}.",
    "images.paper": (
        "Stated in the paper: Mohan, Kadkhodaie, Simoncelli, Fernandez-Granda (ICLR 2020, “Robust and interpretable "
        "blind image denoising via bias-free convolutional neural networks”) trained DnCNN on σ from 0 to 10 and "
        "tested at σ = 100: 10.45 dB with biases, 22.83 dB bias-free. The sparse-recovery pages rest on another "
        "paper (Bamberger, Heckel, Krahmer, arXiv:2308.02836); this page is Mohan et al.'s result."
    ),
    "images.measured": "Measured on this server: the dB figures, the homogeneity errors, the times.",
    "images.cost.title": "What it costs",
    "images.cost.col.net": "Network",
    "images.cost.col.params": "Parameters",
    "images.cost.col.macs": "Multiply-adds per megapixel",
    "images.cost.col.seconds": "Training time (s)",
    "images.cost.col.steps": "Steps",
    "images.cost.col.throughput": "Megapixels per second",
    "images.cost.note": (
        "Training on {threads} thread(s) of a CPU shared with other work: the times are pessimistic. Throughput: "
        "denoising the held-out photograph, measured."
    ),
    "images.details": "Details: training range, steps, how PSNR is computed",
    "images.details_text": (
        "{layers} convolutions of 3×3 with {channels} channels, ReLU between them, predicting the noise; "
        "{steps} steps of {batch} patches of 32×32 from the other built-in photographs, noise σ drawn uniformly in "
        "{lo:g}–{hi:g} (of 255); Adam, learning rate {lr:g}, seed {seed}. PSNR = 10·log10(1 / mean squared error) "
        "on the network's output as it is (pictures are clipped to black and white for display only)."
    ),
    "images.status.time_budget": "{net}: the time budget ended training after {steps} steps.",
    "images.status.diverged": "{net}: training diverged; the last good weights were kept.",
    "image.done.gray": "Colour turned to gray (luminance weights).",
    "image.done.alpha": "Transparency dropped: the colours underneath are used.",
    "image.done.16bit": "Read at its 16-bit depth.",
    "image.done.shrunk": "Shrunk to at most 512 pixels a side, for speed.",
    "image.err.not_image": "This file is not an image ScaleLab can read: upload a PNG, JPEG or TIFF photograph.",
    "image.err.broken": "This image file is damaged or cut short: it could not be decoded.",
    "image.err.format": "{found} images are not accepted: upload one of {allowed}.",
    "image.err.too_large": "The image is {width}×{height} pixels: at most {most} million pixels are accepted.",
    "image.err.too_small": "The image is {width}×{height} pixels: each side needs at least {least}.",
    "image.err.too_many_bytes": "The file is larger than {mb} MB.",
    "image.err.empty": "The file is empty.",
    "image.err.unknown": "No built-in photograph is called {name}: choose one of {known}.",
    "image.err.missing": "The built-in photograph {name} is not in {folder}: run from a clone, or give a file.",
}

JA = {
    "images.title": "見たことのないノイズの強さでも、ノイズ除去は効くか？",
    "images.intro": (
        "2つの畳み込みノイズ除去ネットワークは、1点を除いてすべて同じです。1つ目にはバイアス項があり、2つ目にはありません。"
        "どちらも、選んだノイズの強さ σ で写真の小片からノイズを取り除くことを学び、その後、見たことのない写真を"
        "σ = 100 までのあらゆるノイズの強さできれいにします。バイアスのないネットワークはスケール不変です。"
        "ノイズが2倍になれば、補正も2倍になります。"
    ),
    "images.photo": "写真（学習には使いません）",
    "images.photo.camera": "カメラを持つ撮影者",
    "images.photo.astronaut": "宇宙飛行士（NASA）",
    "images.photo.coffee": "コーヒーカップ",
    "images.photo.chelsea": "猫のチェルシー",
    "images.photo.rocket": "ロケットの打ち上げ（SpaceX）",
    "images.photo.upload": "自分の写真…",
    "images.upload": "PNG・JPEG・TIFF の写真",
    "images.upload_help": (
        "このブラウザのセッション内だけに保持され、保存されません。カラーはグレーに変換します。"
        "ネットワークは内蔵の5枚の写真で学習し、アップロードした写真で評価します。"
    ),
    "images.upload_read": "{width}×{height} として読み込みました。",
    "images.train_sigma": "学習時のノイズ σ（255 段階中）",
    "images.train_sigma_help": "学習中にネットワークが見るのはこの範囲のノイズだけです。グラフではこの範囲に色を付けます。",
    "images.test_sigma": "写真を表示するノイズ σ",
    "images.training": "学習",
    "images.steps": "ネットワークごとの学習ステップ数",
    "images.max_seconds": "ネットワークごとの制限時間（秒）",
    "images.seed": "シード",
    "images.run": "2つのノイズ除去ネットワークを学習",
    "images.none_yet": "ボタンを押すと、このサーバーの1コアで2つのネットワークを順に学習します。",
    "images.progress.0": "バイアスあり：ステップ {step} / {steps} · {elapsed:.0f} 秒",
    "images.progress.1": "バイアスなし：ステップ {step} / {steps} · {elapsed:.0f} 秒",
    "images.waiting": "学習枠が空くのを待っています…",
    "images.busy": "このサーバーの学習枠はすべて使用中です。1分ほどしてからもう一度お試しください。",
    "images.failed": "学習に失敗しました：{error}",
    "images.replayed": "この設定の保存済みの結果です。以前このサーバーで学習したものをすぐに表示しています。",
    "images.headline": (
        "σ {lo:g}〜{hi:g} で学習した後、ノイズ σ = {sigma:g} で：バイアスなしのネットワークは {free:.1f} dB、"
        "バイアスありは {biased:.1f} dB。バイアスを除くことで {gap:+.1f} dB。"
    ),
    "images.headline_metric": "バイアスなし − バイアスあり（σ = {sigma:g}）",
    "images.clean": "元の写真",
    "images.noisy": "ノイズあり、σ = {sigma:g}：{db:.1f} dB",
    "images.out.biased": "バイアスあり：{db:.1f} dB",
    "images.out.free": "バイアスなし：{db:.1f} dB",
    "images.net.noisy": "ノイズのある入力",
    "images.net.biased": "バイアスあり",
    "images.net.free": "バイアスなし",
    "images.chart_title": "ノイズの強さに対する PSNR（高いほど良い）",
    "images.chart_x": "ノイズ σ（255 段階中）",
    "images.chart_y": "PSNR（dB）",
    "images.chart_range": "学習範囲",
    "images.homog.title": "性質そのもの：入力を何倍かにすると、出力も同じ倍率になる",
    "images.homog.alpha": "ノイズのある写真の倍率 α",
    "images.homog.free": "バイアスなし：α = {alpha:g} で ‖f(αy) − α·f(y)‖ / ‖α·f(y)‖ = {err}（実測）。",
    "images.homog.biased": (
        "バイアスあり：α = {alpha:g} で {err}（実測）。バイアスは入力の倍率に合わせて変わらないため、"
        "出力は元の出力の α 倍になりません。"
    ),
    "images.homog.proven": (
        "証明済み：バイアスがなければ畳み込みはすべて線形で、α ≥ 0 なら ReLU(αt) = α·ReLU(t) なので、"
        "ネットワーク全体で f(α·y) = α·f(y) が成り立ちます。バイアス項は倍率に合わせて変わらないため、これを崩します。"
    ),
    "images.homog.where": "学習に使っていない写真に σ = {sigma:g} のノイズを加えて実測。",
    "images.paper": (
        "論文の記載：Mohan, Kadkhodaie, Simoncelli, Fernandez-Granda（ICLR 2020、“Robust and interpretable blind "
        "image denoising via bias-free convolutional neural networks”）は DnCNN を σ = 0〜10 で学習し、σ = 100 で"
        "評価して、バイアスありで 10.45 dB、バイアスなしで 22.83 dB と報告しています。スパース復元のページは別の論文"
        "（Bamberger, Heckel, Krahmer, arXiv:2308.02836）に基づいており、このページは Mohan らの結果です。"
    ),
    "images.measured": "このサーバーでの実測：dB の値、斉次性の誤差、時間。",
    "images.cost.title": "コスト",
    "images.cost.col.net": "ネットワーク",
    "images.cost.col.params": "パラメータ数",
    "images.cost.col.macs": "100万画素あたりの積和演算",
    "images.cost.col.seconds": "学習時間（秒）",
    "images.cost.col.steps": "ステップ数",
    "images.cost.col.throughput": "毎秒の処理画素数（100万画素）",
    "images.cost.note": (
        "他の処理と共有している CPU の {threads} スレッドで学習しました。時間は悲観的な値です。処理速度は、"
        "学習に使っていない写真のノイズ除去で実測しました。"
    ),
    "images.details": "詳細：学習範囲、ステップ数、PSNR の計算方法",
    "images.details_text": (
        "3×3 の畳み込み {layers} 層、{channels} チャネル、間に ReLU、ノイズを予測。ほかの内蔵写真から切り出した "
        "32×32 の小片 {batch} 枚を {steps} ステップ、ノイズ σ は {lo:g}〜{hi:g}（255 段階中）から一様に選びます。"
        "Adam、学習率 {lr:g}、シード {seed}。PSNR = 10·log10(1 / 平均二乗誤差) はネットワークの出力そのもので計算します"
        "（写真は表示のときだけ黒と白の範囲に収めます）。"
    ),
    "images.status.time_budget": "{net}：制限時間のため {steps} ステップで学習を終えました。",
    "images.status.diverged": "{net}：学習が発散したため、最後の正常な重みを使っています。",
    "image.done.gray": "カラーをグレーに変換しました（輝度の重み）。",
    "image.done.alpha": "透明度は使わず、その下の色を使いました。",
    "image.done.16bit": "16 ビットの階調のまま読み込みました。",
    "image.done.shrunk": "速さのため、長い辺を 512 画素以下に縮小しました。",
    "image.err.not_image": "このファイルは ScaleLab が読める画像ではありません。PNG・JPEG・TIFF の写真をアップロードしてください。",
    "image.err.broken": "この画像ファイルは壊れているか途中で切れていて、読み込めませんでした。",
    "image.err.format": "{found} 形式の画像は使えません。{allowed} のいずれかをアップロードしてください。",
    "image.err.too_large": "画像は {width}×{height} 画素です。受け付けるのは {most} 百万画素までです。",
    "image.err.too_small": "画像は {width}×{height} 画素です。各辺に {least} 画素以上必要です。",
    "image.err.too_many_bytes": "ファイルが {mb} MB を超えています。",
    "image.err.empty": "ファイルが空です。",
    "image.err.unknown": "{name} という内蔵写真はありません。{known} から選んでください。",
    "image.err.missing": "内蔵写真 {name} が {folder} にありません。リポジトリのクローンから実行するか、ファイルを指定してください。",
}
