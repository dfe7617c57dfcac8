using Microsoft.Extensions.Hosting;

namespace ActorVoice.Hosting.Lifetime;

/// <summary>
/// A resource that takes time to create (an index to build, decoders to load): created when the host starts, in the
/// order the hosted services were registered, and released when the host is disposed. Dependent services read
/// <see cref="Value"/> once the host has started.
/// </summary>
public sealed class HostedResource<T> : IHostedService, IDisposable
    where T : class
{
    private readonly Func<CancellationToken, Task<T>> _create;
    private readonly Action<T> _release;
    private T? _value;

    public HostedResource(Func<CancellationToken, Task<T>> create, Action<T> release)
    {
        _create = create;
        _release = release;
    }

    public T Value => _value ?? throw new InvalidOperationException($"The {typeof(T).Name} is not ready: the host has not started.");

    public async Task StartAsync(CancellationToken cancellationToken) => _value ??= await _create(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _value, null) is { } value)
        {
            _release(value);
        }
    }
}
