// drsv-vcsim: a vSphere API simulator for drscout's tests, built from Debian's
// golang-github-vmware-govmomi-dev (govmomi 0.24 ships the simulator package but
// no vcsim binary).  It serves an office: a cluster whose HA flag is set with
// -ha, a cluster without HA, a standalone ESXi host, and an NFS datastore that
// the tests create through the API.  It listens on loopback only.
package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	user := flag.String("user", "admin", "login user")
	pass := flag.String("pass", "", "login password (required)")
	ha := flag.String("ha", "", "comma-separated cluster names with vSphere HA enabled")
	clusters := flag.Int("clusters", 2, "clusters")
	clusterHosts := flag.Int("cluster-hosts", 2, "hosts per cluster")
	hosts := flag.Int("hosts", 1, "standalone hosts")
	machines := flag.Int("vms", 1, "VMs per cluster and per standalone host")
	flag.Parse()
	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !net.ParseIP(host).IsLoopback() || *pass == "" {
		fmt.Fprintln(os.Stderr, "drsv-vcsim: -listen must be a loopback address and -pass set")
		os.Exit(2)
	}
	model := simulator.VPX()
	model.Cluster = *clusters
	model.ClusterHost = *clusterHosts
	model.Host = *hosts
	model.Machine = *machines
	model.Portgroup = 0
	if err := model.Create(); err != nil {
		fmt.Fprintln(os.Stderr, "drsv-vcsim:", err)
		os.Exit(1)
	}
	defer model.Remove()
	enableHA(strings.Split(*ha, ","))
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*user, *pass)}
	model.Service.TLS = new(tls.Config) // a self-signed certificate, as a fresh vCenter has
	server := model.Service.NewServer()
	defer server.Close()
	fmt.Println(server.URL.Host)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
}

// enableHA sets das.enabled on the named clusters: vcsim ignores DasConfig in
// CreateClusterEx and ReconfigureComputeResource, so the launcher sets it.
func enableHA(names []string) {
	want := map[string]bool{}
	for _, n := range names {
		if n != "" {
			want[n] = true
		}
	}
	for _, obj := range simulator.Map.All("ClusterComputeResource") {
		cluster := obj.(*simulator.ClusterComputeResource)
		if want[cluster.Name] {
			cfg := cluster.ConfigurationEx.(*types.ClusterConfigInfoEx)
			cfg.DasConfig.Enabled = types.NewBool(true)
			cfg.DasConfig.HostMonitoring = "enabled"
		}
	}
}
