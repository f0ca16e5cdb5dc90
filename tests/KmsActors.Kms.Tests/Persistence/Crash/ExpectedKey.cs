using System.Globalization;
using KmsActors.CrashHarness;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Persistence.Crash;

/// <summary>A key as its acknowledged operations left it: what a restarted engine must show.</summary>
public sealed class ExpectedKey(string id, string description)
{
    public string Id { get; } = id;

    public KeyState State { get; private set; } = KeyState.PendingImport;

    public bool Expires { get; private set; }

    public long? ValidTo { get; private set; }

    public string? Description { get; private set; } = description;

    public SortedDictionary<string, string> Tags { get; private init; } = new(StringComparer.Ordinal);

    public SortedSet<string> Aliases { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Acknowledged Encrypt calls: (plaintext, ciphertext blob).</summary>
    public List<(byte[] Plaintext, byte[] Ciphertext)> Ciphertexts { get; private init; } = [];

    /// <summary>Material imports acknowledged after a DeleteImportedKeyMaterial: the same material came back.</summary>
    public int Reimports { get; private set; }

    private bool _materialDeletedBefore;

    public KeyView View => KeyView.Of(State, Expires, ValidTo, Description, Tags, Aliases);

    /// <summary>Applies one operation (acknowledged, or begun and found to have taken effect). Args as in <see cref="ByokOp"/>.</summary>
    public void Apply(string op, IReadOnlyList<string> args)
    {
        switch (op)
        {
            case ByokOp.Import:
                (State, Expires) = (KeyState.Enabled, args[0] != "none");
                ValidTo = Expires ? long.Parse(args[0], CultureInfo.InvariantCulture) : null;
                if (_materialDeletedBefore)
                    Reimports++;
                break;
            case ByokOp.Encrypt:
                if (args.Count == 2) // an ACK; a BEGIN has no ciphertext yet and changes nothing
                    Ciphertexts.Add((Convert.FromBase64String(args[0]), Convert.FromBase64String(args[1])));
                break;
            case ByokOp.DeleteMaterial:
                (State, Expires, ValidTo, _materialDeletedBefore) = (KeyState.PendingImport, false, null, true);
                break;
            case ByokOp.Disable: State = KeyState.Disabled; break;
            case ByokOp.Enable: State = KeyState.Enabled; break;
            case ByokOp.ScheduleDeletion: State = KeyState.PendingDeletion; break;
            case ByokOp.CancelDeletion: State = KeyState.Disabled; break;
            case ByokOp.Tag: Tags[args[0]] = args[1]; break;
            case ByokOp.Describe: Description = args[0]; break;
            case ByokOp.Alias: Aliases.Add(args[0]); break;
            default: throw new InvalidOperationException($"The harness acknowledged an unknown operation {op}.");
        }
    }

    public ExpectedKey With(string op, IReadOnlyList<string> args)
    {
        var copy = new ExpectedKey(Id, Description!)
        {
            State = State, Expires = Expires, ValidTo = ValidTo, Description = Description, Reimports = Reimports,
            _materialDeletedBefore = _materialDeletedBefore,
            Tags = new SortedDictionary<string, string>(Tags, StringComparer.Ordinal),
            Aliases = new SortedSet<string>(Aliases, StringComparer.Ordinal),
            Ciphertexts = [.. Ciphertexts],
        };
        copy.Apply(op, args);
        return copy;
    }
}
