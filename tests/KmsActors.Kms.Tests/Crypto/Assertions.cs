using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Crypto;

internal static class Assertions
{
    /// <summary>Asserts a KmsException with the AWS error code and returns it for message checks.</summary>
    public static KmsException ThrowsKms(string errorCode, Action action)
    {
        var error = Assert.Throws<KmsException>(action);
        Assert.Equal(errorCode, error.ErrorCode);
        return error;
    }
}
