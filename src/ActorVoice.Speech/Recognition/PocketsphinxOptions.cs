namespace ActorVoice.Speech.Recognition;

/// <summary>
/// Model files and tuning flags for one pocketsphinx decoder. The defaults point at the Debian package
/// <c>pocketsphinx-en-us</c>.
/// </summary>
public sealed record PocketsphinxOptions
{
    public const string DefaultModelFolder = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Acoustic model folder (holds <c>mdef</c>, <c>means</c>, ...).</summary>
    public string HmmPath { get; init; } = Path.Combine(DefaultModelFolder, "en-us");

    /// <summary>Pronunciation dictionary (CMU format: <c>word PH ON ES</c>).</summary>
    public string DictionaryPath { get; init; } = Path.Combine(DefaultModelFolder, "cmudict-en-us.dict");

    /// <summary>N-gram language model: ARPA text or sphinx binary (<c>.lm.bin</c>).</summary>
    public string LanguageModelPath { get; init; } = Path.Combine(DefaultModelFolder, "en-us.lm.bin");

    /// <summary>
    /// Optional second dictionary whose words are added to <see cref="DictionaryPath"/> (words already present keep
    /// their pronunciation). Used for domain words the main dictionary lacks.
    /// </summary>
    public string? ExtraDictionaryPath { get; init; }

    /// <summary>
    /// Optional second language model interpolated with <see cref="LanguageModelPath"/> through sphinxbase's
    /// <c>ngram_model_set</c>: P = (1 - w) P_main + w P_second, with w = <see cref="SecondLanguageModelWeight"/>.
    /// </summary>
    public string? SecondLanguageModelPath { get; init; }

    /// <summary>Interpolation weight of <see cref="SecondLanguageModelPath"/>, in (0, 1).</summary>
    public double SecondLanguageModelWeight { get; init; } = 0.5;

    /// <summary>Where the decoder writes its (verbose) log.</summary>
    public string LogFile { get; init; } = "/dev/null";

    /// <summary>Extra pocketsphinx flags as argv pairs, e.g. <c>["-lw", "8", "-beam", "1e-60"]</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>
    /// Audio a new decoder must hear before its cepstral mean counts as adapted; until then each utterance is decoded a
    /// second time at its end (see <see cref="PocketsphinxRecognizer"/>). Five seconds is sphinxbase's live CMN window
    /// (500 frames), the value to use when accuracy of a fresh decoder's first turns matters more than their latency.
    /// Off (<see cref="TimeSpan.Zero"/>) by default: the second pass delays those turns' final transcript by about
    /// 0.6-0.7 s (measured live with one fresh process per question, scripts/live-acceptance.sh: median answer audio
    /// without speculation 2397 → 3097 ms), which is the latency this project exists to remove.
    /// </summary>
    public TimeSpan AdaptationAudio { get; init; } = TimeSpan.Zero;

    /// <summary>The generic en-us models shipped by Debian.</summary>
    public static PocketsphinxOptions Default { get; } = new();
}
