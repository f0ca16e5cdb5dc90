using Akka.Actor;
using Akka.Serialization;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Status.Failure between nodes (bound in cluster mode only: ClusterConfiguration). Akka.Remote's own serializer
/// rebuilds an exception through its serialization constructor, which <see cref="KmsException"/> does not have (.NET
/// has obsoleted that mechanism): an AWS error answered on another node would arrive without its error code. Here a
/// KmsException travels as its error code and AWS message; any other exception as its type name and message.
/// </summary>
public sealed class ClusterFailureSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string KmsError = "K";
    private const string OtherError = "E";

    public override string Manifest(object o) =>
        o is Status.Failure { Cause: KmsException } ? KmsError : OtherError;

    public override byte[] ToBinary(object obj)
    {
        var cause = obj is Status.Failure failure ? failure.Cause : null;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            if (cause is KmsException error)
            {
                writer.Write(error.ErrorCode);
                WriteNullable(writer, error.ErrorMessage);
            }
            else
            {
                writer.Write(cause?.GetType().FullName ?? "null");
                WriteNullable(writer, cause?.Message);
            }
        }
        return buffer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var first = reader.ReadString();
        var message = reader.ReadBoolean() ? reader.ReadString() : null;
        return manifest == KmsError
            ? new Status.Failure(new KmsException(first, message))
            : new Status.Failure(new Exception($"{first} (on another node): {message}"));
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
            writer.Write(value);
    }
}
