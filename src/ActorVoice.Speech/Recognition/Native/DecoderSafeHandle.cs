using Microsoft.Win32.SafeHandles;

namespace ActorVoice.Speech.Recognition.Native;

/// <summary>Owns a pocketsphinx <c>ps_decoder_t</c>.</summary>
internal sealed class DecoderSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DecoderSafeHandle()
        : base(ownsHandle: true)
    {
    }

    public DecoderSafeHandle(IntPtr decoder)
        : base(ownsHandle: true)
    {
        SetHandle(decoder);
    }

    protected override bool ReleaseHandle()
    {
        // Returns the remaining reference count, not an error code.
        _ = SphinxNative.ps_free(handle);
        return true;
    }
}
