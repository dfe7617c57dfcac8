using System.Runtime.InteropServices;

namespace ActorVoice.Speech.Recognition.Native;

/// <summary>
/// P/Invoke declarations for pocketsphinx 5prealpha (Debian libpocketsphinx3) and sphinxbase.
/// Configuration goes through <c>cmd_ln_parse_r</c> with an argv array: the variadic <c>cmd_ln_init</c>
/// cannot be called portably from .NET.
/// </summary>
internal static partial class SphinxNative
{
    public const string PocketsphinxLibrary = "libpocketsphinx.so.3";
    public const string SphinxbaseLibrary = "libsphinxbase.so.3";

    /// <summary>ngram_file_type_t NGRAM_AUTO: let sphinxbase detect ARPA text or binary.</summary>
    public const int NgramAuto = 0;

    [LibraryImport(PocketsphinxLibrary)]
    public static partial IntPtr ps_args();

    [LibraryImport(SphinxbaseLibrary)]
    public static partial IntPtr cmd_ln_parse_r(IntPtr inoutConfig, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [LibraryImport(SphinxbaseLibrary)]
    public static partial int cmd_ln_free_r(IntPtr config);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial IntPtr ps_init(ConfigSafeHandle config);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial int ps_free(IntPtr decoder);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial int ps_start_utt(DecoderSafeHandle decoder);

    [LibraryImport(PocketsphinxLibrary)]
    public static unsafe partial int ps_process_raw(DecoderSafeHandle decoder, short* data, nuint sampleCount, int noSearch, int fullUtterance);

    /// <summary>Feeds cepstral frames (<c>mfcc_t **</c>: one pointer per frame of 13 floats) instead of audio.</summary>
    [LibraryImport(PocketsphinxLibrary)]
    public static unsafe partial int ps_process_cep(DecoderSafeHandle decoder, float** frames, int frameCount, int noSearch, int fullUtterance);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial int ps_end_utt(DecoderSafeHandle decoder);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial IntPtr ps_get_hyp(DecoderSafeHandle decoder, out int bestScore);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial IntPtr ps_get_config(DecoderSafeHandle decoder);

    [LibraryImport(PocketsphinxLibrary)]
    public static partial IntPtr ps_get_logmath(DecoderSafeHandle decoder);

    [LibraryImport(PocketsphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_add_word(DecoderSafeHandle decoder, string word, string phones, int update);

    [LibraryImport(PocketsphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_lm(DecoderSafeHandle decoder, string name, IntPtr languageModel);

    [LibraryImport(PocketsphinxLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_search(DecoderSafeHandle decoder, string name);

    [LibraryImport(SphinxbaseLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ngram_model_read(IntPtr config, string path, int fileType, IntPtr logMath);

    [LibraryImport(SphinxbaseLibrary)]
    public static partial IntPtr ngram_model_set_init(IntPtr config, IntPtr[] models, IntPtr[] names, float[] weights, int modelCount);

    [LibraryImport(SphinxbaseLibrary)]
    public static partial int ngram_model_free(IntPtr model);
}
