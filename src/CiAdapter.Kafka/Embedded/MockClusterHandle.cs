using System.Runtime.InteropServices;

namespace CiAdapter.Kafka.Embedded;

/// <summary>Owns a mock cluster and the librdkafka instance that hosts it; releases both, cluster first.</summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly nint _host;

    internal MockClusterHandle(nint host, nint cluster)
        : base(0, ownsHandle: true)
    {
        _host = host;
        SetHandle(cluster);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LibRdKafkaMock.ClusterDestroy(handle);
        LibRdKafkaMock.Destroy(_host);
        return true;
    }
}
