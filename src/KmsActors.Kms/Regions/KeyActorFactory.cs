using System.Reflection;
using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Regions;

/// <summary>
/// The default Props of a region's key actors: <c>KmsActors.Kms.Keys.KeyActor.Props(keyId, accountId, region)</c>.
/// KeyActor is written on another branch; it is looked up once by name so this branch builds without it and
/// picks it up as soon as it is merged. When it is absent, starting a key actor fails with KMSInternalException.
/// After the merge this can become a direct call.
/// </summary>
internal static class KeyActorFactory
{
    private static readonly Func<string, string, string, Props>? RealKeyActor = Locate();

    public static Func<string, Props> For(string accountId, string region) => keyId =>
        RealKeyActor is { } create
            ? create(keyId, accountId, region)
            : throw KmsException.Internal("No key actor is available: KmsActors.Kms.Keys.KeyActor is not part of this build.");

    private static Func<string, string, string, Props>? Locate()
    {
        var method = typeof(KmsKey).Assembly.GetType("KmsActors.Kms.Keys.KeyActor")
            ?.GetMethod("Props", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(string), typeof(string)]);
        return method is null || method.ReturnType != typeof(Props)
            ? null
            : method.CreateDelegate<Func<string, string, string, Props>>();
    }
}
