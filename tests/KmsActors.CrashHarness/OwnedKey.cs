using KmsActors.Kms.Model;

namespace KmsActors.CrashHarness;

/// <summary>A key one worker alone operates on, with the state its acknowledged calls left it in.</summary>
internal sealed class OwnedKey(string id, KeyState state)
{
    public string Id { get; } = id;

    public KeyState State { get; set; } = state;

    public int Aliases { get; set; }
}
