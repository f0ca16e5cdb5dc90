namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// A gate the test holds closed: a call that passes through blocks its thread (a vault or generator thread, never an
/// actor's) until the test opens it. <see cref="Reached"/> tells the test a call is waiting there, so nothing depends on
/// timing.
/// </summary>
internal sealed class Gate
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _reached = new(0);

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    /// <summary>Blocks while the gate is closed (and tells the test it was reached).</summary>
    public void Pass()
    {
        if (_open.IsSet)
            return;
        _reached.Release();
        _open.Wait(TimeSpan.FromMinutes(2)); // a test that forgets to open it fails rather than hangs
    }

    /// <summary>Completes when a call has reached the closed gate (fails after <paramref name="atMost"/>: a hang guard).</summary>
    public async Task Reached(TimeSpan atMost)
    {
        if (!await _reached.WaitAsync(atMost))
            throw new TimeoutException("No call reached the gate.");
    }
}
