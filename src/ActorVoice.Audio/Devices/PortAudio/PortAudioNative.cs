using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>
/// P/Invoke declarations for the part of PortAudio v19 (Debian's libportaudio2) ActorVoice uses: device enumeration and
/// blocking-mode streams. Blocking <c>Pa_ReadStream</c>/<c>Pa_WriteStream</c> on threads of our own avoid PortAudio
/// callbacks into managed code (a callback on PortAudio's real-time thread could stall on a GC or be collected).
/// <c>unsigned long</c> parameters are <see cref="CULong"/>: 8 bytes on Linux and macOS, 4 on Windows.
/// </summary>
internal static partial class PortAudioNative
{
    /// <summary>The name the resolver (<see cref="PortAudioLibrary"/>) maps to the platform's file.</summary>
    public const string Library = "portaudio";

    public const int NoError = 0;
    public const int NoDevice = -1;
    public const int InvalidChannelCount = -9998;
    public const int InvalidSampleRate = -9997;
    public const int OutputUnderflowed = -9980;
    public const int InputOverflowed = -9981;

    /// <summary>paInt16.</summary>
    public const uint SampleFormatInt16 = 0x00000008;

    /// <summary>paClipOff: our samples are already 16-bit; no clipping pass.</summary>
    public const uint ClipOff = 0x00000001;

    [StructLayout(LayoutKind.Sequential)]
    public struct DeviceInfo
    {
        public int StructVersion;
        public IntPtr Name;
        public int HostApi;
        public int MaxInputChannels;
        public int MaxOutputChannels;
        public double DefaultLowInputLatency;
        public double DefaultLowOutputLatency;
        public double DefaultHighInputLatency;
        public double DefaultHighOutputLatency;
        public double DefaultSampleRate;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct HostApiInfo
    {
        public int StructVersion;
        public int Type;
        public IntPtr Name;
        public int DeviceCount;
        public int DefaultInputDevice;
        public int DefaultOutputDevice;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct StreamParameters
    {
        public int Device;
        public int ChannelCount;
        public CULong SampleFormat;
        public double SuggestedLatency;
        public IntPtr HostApiSpecificStreamInfo;
    }

    [LibraryImport(Library)]
    public static partial int Pa_Initialize();

    [LibraryImport(Library)]
    public static partial int Pa_Terminate();

    [LibraryImport(Library)]
    public static partial IntPtr Pa_GetErrorText(int errorCode);

    [LibraryImport(Library)]
    public static partial IntPtr Pa_GetVersionText();

    [LibraryImport(Library)]
    public static partial int Pa_GetDeviceCount();

    [LibraryImport(Library)]
    public static partial int Pa_GetDefaultInputDevice();

    [LibraryImport(Library)]
    public static partial int Pa_GetDefaultOutputDevice();

    [LibraryImport(Library)]
    public static partial IntPtr Pa_GetDeviceInfo(int device);

    [LibraryImport(Library)]
    public static partial IntPtr Pa_GetHostApiInfo(int hostApi);

    [LibraryImport(Library)]
    public static unsafe partial int Pa_OpenStream(
        out IntPtr stream,
        StreamParameters* inputParameters,
        StreamParameters* outputParameters,
        double sampleRate,
        CULong framesPerBuffer,
        CULong streamFlags,
        IntPtr streamCallback,
        IntPtr userData);

    [LibraryImport(Library)]
    public static partial int Pa_StartStream(IntPtr stream);

    [LibraryImport(Library)]
    public static partial int Pa_StopStream(IntPtr stream);

    [LibraryImport(Library)]
    public static partial int Pa_AbortStream(IntPtr stream);

    [LibraryImport(Library)]
    public static partial int Pa_CloseStream(IntPtr stream);

    [LibraryImport(Library)]
    public static unsafe partial int Pa_ReadStream(IntPtr stream, short* buffer, CULong frames);

    [LibraryImport(Library)]
    public static unsafe partial int Pa_WriteStream(IntPtr stream, short* buffer, CULong frames);

    /// <summary>The message for an error code, e.g. "Invalid number of channels".</summary>
    public static string ErrorText(int error) =>
        Marshal.PtrToStringUTF8(Pa_GetErrorText(error)) ?? $"PortAudio error {error}";
}
