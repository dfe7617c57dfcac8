using Microsoft.Win32.SafeHandles;

namespace ActorVoice.Speech.Recognition.Native;

/// <summary>Owns one reference to a sphinxbase <c>cmd_ln_t</c>; the decoder keeps its own reference.</summary>
internal sealed class ConfigSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConfigSafeHandle()
        : base(ownsHandle: true)
    {
    }

    public ConfigSafeHandle(IntPtr config)
        : base(ownsHandle: true)
    {
        SetHandle(config);
    }

    protected override bool ReleaseHandle()
    {
        // Returns the remaining reference count, not an error code.
        _ = SphinxNative.cmd_ln_free_r(handle);
        return true;
    }
}
