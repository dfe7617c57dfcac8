using System.Runtime.InteropServices;

namespace ActorVoice.Speech.Synthesis.Native;

/// <summary>P/Invoke declarations for libflite (Debian package flite / libflite1).</summary>
internal static partial class FliteNative
{
    public const string FliteLibrary = "libflite.so.1";

    [LibraryImport(FliteLibrary)]
    public static partial int flite_init();

    [LibraryImport(FliteLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr flite_text_to_wave(string text, IntPtr voice);

    [LibraryImport(FliteLibrary)]
    public static partial void delete_wave(IntPtr wave);

    /// <summary>Layout of flite's <c>cst_wave</c> (cst_wave.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CstWave
    {
        public IntPtr Type;
        public int SampleRate;
        public int SampleCount;
        public int ChannelCount;
        public IntPtr Samples;
    }
}
