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
    /// Off (<see cref="TimeSpan.Zero"/>) by default, <see cref="CmnInit"/> removes most of the need for it without a
    /// per-turn cost: the second pass delays those turns' final transcript by about
    /// 0.6-0.7 s (measured live with one fresh process per question, scripts/live-acceptance.sh: median answer audio
    /// without speculation 2397 → 3097 ms), which is the latency this project exists to remove.
    /// </summary>
    public TimeSpan AdaptationAudio { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The mean of speech cepstra (13 comma-separated numbers, like pocketsphinx's <c>-cmninit</c>) a new decoder's
    /// live cepstral mean normalisation starts from, set when the decoder is created. Null: the model's own
    /// <c>-cmninit</c> (c0 41 for the generic en-us model, measured on audio far quieter than a microphone's or a
    /// synthesizer's), from which a fresh decoder mishears much of its first utterance. The default,
    /// <see cref="SpeechCepstralMean"/>, is the average over five voices (see there).
    /// </summary>
    public string? CmnInit { get; init; } = SpeechCepstralMean;

    /// <summary>
    /// Recordings (16-bit PCM WAV, any rate) every new decoder decodes once when it is created, discarding the
    /// hypotheses, so that its cepstral mean has adapted to them before its first utterance; it then replaces
    /// <see cref="CmnInit"/>. Meant for a recording of the actual microphone: a clip of another channel can be worse
    /// than <see cref="CmnInit"/> (LibriVox audio from pocketsphinx-testdata raised the sample questions'
    /// first-utterance WER, docs/speech.md). Empty by default.
    /// </summary>
    public IReadOnlyList<string> WarmUpAudio { get; init; } = [];

    /// <summary>
    /// Cepstral mean of speech, averaged (one fifth each) over five voices reading the five LibriVox sentences of the
    /// Debian package pocketsphinx-testdata: the LibriVox recordings themselves and flite's kal16, awb, rms and slt
    /// voices. Each voice's mean is the one the generic en-us decoder settled on after hearing it; c0 lies between 49.8
    /// and 56.6 for all five, against 41 in the model's <c>feat.params</c>. Measured with
    /// <c>pocketsphinx_continuous -infile</c> (docs/speech.md, "First utterance").
    /// </summary>
    public const string SpeechCepstralMean = "53.54,6.93,5.91,23.87,-5.20,0.75,3.52,-6.73,-2.15,-4.34,4.98,1.02,1.17";

    /// <summary>The generic en-us models shipped by Debian.</summary>
    public static PocketsphinxOptions Default { get; } = new();
}
