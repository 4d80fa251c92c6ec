"""The subdistrict (街道): its communities, its users, the cadres it lends (see README.md)."""
