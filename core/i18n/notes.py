"""What core says about a result, by code (core.i18n.Note): why a model stopped, why one does not apply, what a
run is waiting for. Pages word them with Note.words(lang); the CLI's JSON carries the English one as "message"."""

EN = {
    "note.diverged": "Training diverged at step {step}; the last weights with a finite loss (step {good_step}) were kept. Try a smaller learning rate.",
    "note.time_budget": "Stopped by the time budget ({seconds:g} s) after {steps} steps.",
    "note.float32": "This CPU has no native bfloat16 matrix products, so the Muon recipe ran its products in float32: the same recipe, slower steps.",
    "note.time_budget_float32": "Stopped by the time budget ({seconds:g} s) after {steps} steps. This CPU has no native bfloat16 matrix products, so the Muon recipe ran its products in float32: the same recipe, slower steps.",
    "note.random_start.not_applicable": "Started at random: the start from A is for the bias-free ReLU net on the sparse problem.",
    "note.random_start.not_distinguishable": "Started at random: the columns of A are too alike for the start from A.",
    "note.random_start.too_narrow": "Started at random: the start from A needs a width of at least {needed}; this net has {width}.",
    "note.hand_built.exact": "Weights computed from A, no training; exact for every 1-sparse signal.",
    "note.hand_built.not_sparse": "The hand-built network is made for sparse recovery; it does not apply to this problem.",
    "note.hand_built.zero_column": "The hand-built network cannot be built for this A: column {column} (counted from 0) is all zeros, so nothing measured depends on that unknown.",
    "note.hand_built.too_alike": "The hand-built network cannot be built for this A: {bad} of its {total} columns are too alike to tell apart (worst: column {column} and column {closest}, counted from 0). More measurements or less similar columns fix this.",
    "note.hand_built.bad_matrix": "The hand-built network needs a finite matrix A.",
    "note.unrolled.not_sparse": "The unrolled soft-thresholding network is made for sparse recovery; it does not apply to this problem.",
    "note.stage.waiting_slot": "Waiting for a free training slot: number {position} in line, about {wait} s; {running} trainings are running on this server…",
    "note.stage.decoders": "Running the classical decoders on {count} signals at every scale…",
    "note.stage.one_core": "The server is busy: this run trains its models one after another on one core instead of side by side on two…",
}

JA = {
    "note.diverged": "ステップ {step} で学習が発散しました。損失が有限だった最後の重み（ステップ {good_step}）を残しています。学習率を下げてみてください。",
    "note.time_budget": "時間上限（{seconds:g} 秒）に達したため、{steps} ステップで停止しました。",
    "note.float32": "このCPUはbfloat16の行列積をネイティブに計算できないため、Muonレシピの行列積をfloat32で計算しました。レシピは同じですが、1ステップが遅くなります。",
    "note.time_budget_float32": "時間上限（{seconds:g} 秒）に達したため、{steps} ステップで停止しました。このCPUはbfloat16の行列積をネイティブに計算できないため、Muonレシピの行列積をfloat32で計算しました。レシピは同じですが、1ステップが遅くなります。",
    "note.random_start.not_applicable": "ランダムな初期値から学習しました。Aからの初期化は、バイアスなしReLUネットワークのスパース復元にのみ使えます。",
    "note.random_start.not_distinguishable": "ランダムな初期値から学習しました。Aの列どうしが似すぎているため、Aからの初期化は使えません。",
    "note.random_start.too_narrow": "ランダムな初期値から学習しました。Aからの初期化には幅 {needed} 以上が必要ですが、このネットワークの幅は {width} です。",
    "note.hand_built.exact": "重みはAから計算したもので、学習はしていません。1-スパースの信号はすべて正確に復元します。",
    "note.hand_built.not_sparse": "手設計のネットワークはスパース復元用です。この問題には使えません。",
    "note.hand_built.zero_column": "このAでは手設計のネットワークを作れません。列 {column}（0から数えます）がすべてゼロで、その未知数は測定に現れません。",
    "note.hand_built.too_alike": "このAでは手設計のネットワークを作れません。{total} 列のうち {bad} 列が互いに似すぎていて区別できません（最も近いのは列 {column} と列 {closest}、0から数えます）。測定を増やすか、似ていない列にすると作れます。",
    "note.hand_built.bad_matrix": "手設計のネットワークには有限の値の行列Aが必要です。",
    "note.unrolled.not_sparse": "展開型ソフトしきい値ネットワークはスパース復元用です。この問題には使えません。",
    "note.stage.waiting_slot": "学習枠の空きを待っています：待ち順は {position} 番目、約 {wait} 秒です。このサーバーでは現在 {running} 件の学習が実行中です…",
    "note.stage.decoders": "従来の復元法を {count} 個の信号、全スケールで実行中…",
    "note.stage.one_core": "サーバーが混んでいるため、この実行ではモデルを2つのコアで並行せず、1つのコアで順に学習します…",
}
