"""What the hypervisor collectors (vmware, libvirt, proxmox, hyperv) share.

``common`` builds host and VM sightings and their links; ``endpoints`` runs every configured
hypervisor API and says which hypervisors the network scan found but nobody could read."""
